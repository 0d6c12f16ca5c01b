/** What each `sso_error` of the platform's single sign-on callback means, in a sentence. */
const MESSAGES: Record<string, string> = {
  unavailable: "The sign-in service could not be reached. Try again in a moment.",
  denied: "The sign-in was cancelled at the sign-in service.",
  expired: "The sign-in took too long or was already used. Try again.",
  invalid_state: "The sign-in could not be confirmed in this browser. Try again.",
  email_missing:
    "The sign-in service did not share your email address, so Parlor cannot tell which account is yours.",
  email_not_verified:
    "Your email address is not verified at the sign-in service, so Parlor cannot sign you in with it.",
  account_disabled: "This account is disabled.",
  account_pending:
    "Your account is waiting for an admin to approve it. Sign in again once they have.",
  signup_closed:
    "There is no account for this email address, and new accounts cannot be made here.",
};

/** The sentence for a single sign-on failure the login page was sent back with. */
export function ssoErrorMessage(code: string): string {
  return MESSAGES[code] ?? "Signing in did not work. Try again.";
}
