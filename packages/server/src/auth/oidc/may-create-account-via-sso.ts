/**
 * Whether a single sign-on by someone with no account yet may create one. The one place the
 * sign-up policy (open, approval, invite, closed) decides for single sign-on; until that policy
 * exists, every verified email may.
 */
export function mayCreateAccountViaSso(_person: { email: string }): Promise<boolean> {
  return Promise.resolve(true);
}
