import type { AdmitAccount } from "../../store/users-store.js";
import type { SignupPolicyService } from "../signup-policy.js";
import { SsoError } from "./oidc-login-error.js";

/**
 * Reads the sign-up policy (before the account's transaction, which must not wait on other
 * queries) and says what it means for a first single sign-on that would create an account:
 * `open` lets the person in, `approval` creates the account waiting for an admin, `invite` and
 * `closed` refuse (invite links are for the sign-up form). The platform's very first account is
 * created whatever the policy: the users store does not ask for it.
 */
export type SsoAdmission = () => Promise<AdmitAccount>;

/** The sign-up policy's {@link SsoAdmission}. */
export function ssoAdmission(signupPolicy: SignupPolicyService): SsoAdmission {
  return async () => {
    const { policy } = await signupPolicy.current();
    return () => {
      if (policy === "open") return Promise.resolve({ pending: false });
      if (policy === "approval") return Promise.resolve({ pending: true });
      throw new SsoError("signup_closed", `No account has this email and sign-up is ${policy}`);
    };
  };
}

/** Every new single sign-on account is let in: what a platform without a policy gets. */
export const admitEverySsoAccount: SsoAdmission = () =>
  Promise.resolve(() => Promise.resolve({ pending: false }));
