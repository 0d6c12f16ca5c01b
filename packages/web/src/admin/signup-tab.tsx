import { InvitesSection } from "./invites-section.js";
import { PendingUsersSection } from "./pending-users-section.js";
import { SignupPolicySection } from "./signup-policy-section.js";

/** Sign-up: who may sign up, who waits for approval, and invite links. */
export function SignupTab() {
  return (
    <div className="flex flex-col gap-4">
      <SignupPolicySection />
      <PendingUsersSection />
      <InvitesSection />
    </div>
  );
}
