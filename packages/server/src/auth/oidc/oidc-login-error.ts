/**
 * Why a single sign-on did not sign anyone in. The code travels to the login page as
 * `/login?sso_error=<code>`, which shows a plain sentence for it; details go to the log.
 */
export type SsoErrorCode =
  /** The provider could not be reached, or answered with an error. */
  | "unavailable"
  /** The person cancelled or was refused at the provider. */
  | "denied"
  /** No sign-in was under way in this browser: it expired, or the callback was used already. */
  | "expired"
  /** The callback's state is not the one this browser's sign-in sent. */
  | "invalid_state"
  | "email_missing"
  | "email_not_verified"
  | "account_disabled"
  /** The account exists but waits for an admin's approval (the `approval` sign-up policy). */
  | "account_pending"
  /** No account has this email, and none may be created. */
  | "signup_closed"
  /** Anything else: an ID token that does not check out, a wrong nonce. */
  | "failed";

/** A single sign-on that ended without a session. */
export class SsoError extends Error {
  override name = "SsoError";

  constructor(
    readonly code: SsoErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
