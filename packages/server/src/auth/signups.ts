import type { SignupPolicy } from "../config/config.js";
import { ForbiddenError } from "../errors.js";
import type { AdmitAccount } from "../store/users-store.js";
import type { Accounts, PublicUser } from "./accounts.js";
import type { Invites } from "./invites.js";
import type { SignupPolicyService } from "./signup-policy.js";

/** What sign-up under `closed` says. */
const CLOSED = "Sign-up is closed on this Parlor. Ask an admin for an account.";
/** What sign-up without an invite under `invite` says. */
const INVITE_NEEDED = "Sign-up on this Parlor needs an invite. Ask an admin for an invite link.";

/**
 * How the policy admits an account (the first account is admitted before this, as an admin):
 * a valid invite admits at once under every policy but `closed`, and is used up doing so.
 */
function admitUnder(policy: SignupPolicy, invites: Invites, invite?: string): AdmitAccount {
  return async (transaction, user) => {
    if (policy === "closed") throw new ForbiddenError(CLOSED, "signup_closed");
    if (invite !== undefined) {
      await invites.redeem(transaction, invite, user.email);
      return { pending: false };
    }
    if (policy === "invite") throw new ForbiddenError(INVITE_NEEDED, "invite_required");
    return { pending: policy === "approval" };
  };
}

/** Sign-up through the web or API, under the platform's sign-up policy. */
export function createSignups(deps: {
  accounts: Accounts;
  policy: SignupPolicyService;
  invites: Invites;
}) {
  return {
    /** Creates an account if the policy lets it in; under `approval` it waits for an admin. */
    async signUp(request: {
      email: string;
      password: string;
      invite?: string | undefined;
    }): Promise<PublicUser> {
      const { policy } = await deps.policy.current();
      return deps.accounts.signUp(request.email, request.password, {
        admit: admitUnder(policy, deps.invites, request.invite),
      });
    },
  };
}

/** The sign-up service. */
export type Signups = ReturnType<typeof createSignups>;
