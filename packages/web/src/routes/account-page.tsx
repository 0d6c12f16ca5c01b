import { useMe } from "../api/auth.js";
import { ApiKeysSection } from "../account/api-keys-section.js";
import { Badge } from "../ui/badge.js";
import { Page } from "../ui/page.js";
import { Section } from "../ui/section.js";

/** `/account`: who is signed in, and their API keys. */
export function AccountPage() {
  const { data: user } = useMe();
  return (
    <Page title="Account">
      <Section title="You">
        <dl className="flex flex-col gap-1 text-sm">
          <dt className="text-muted">Email</dt>
          <dd className="flex items-center gap-2 font-medium break-all">
            {user?.email}
            {user?.role === "admin" && <Badge tone="accent">Admin</Badge>}
          </dd>
        </dl>
      </Section>
      <ApiKeysSection />
    </Page>
  );
}
