import { useMe } from "../api/auth.js";
import { ApiKeysSection } from "../account/api-keys-section.js";
import { DeleteAccountSection } from "../account/delete-account-section.js";
import { PasswordSection } from "../account/password-section.js";
import { ProfileSection } from "../account/profile-section.js";
import { SessionsSection } from "../account/sessions-section.js";
import { Page } from "../ui/page.js";

/** `/account`: profile, password, sessions, API keys, and deleting the account. */
export function AccountPage() {
  const { data: user } = useMe();
  if (!user) return null;
  return (
    <Page title="Account">
      <ProfileSection key={user.id} user={user} />
      {user.has_password !== false && <PasswordSection />}
      <SessionsSection />
      <ApiKeysSection />
      <DeleteAccountSection user={user} />
    </Page>
  );
}
