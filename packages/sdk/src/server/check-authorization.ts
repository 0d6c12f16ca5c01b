/** The outcome of checking a request's credentials. */
export type AuthorizationResult = { ok: true } | { ok: false; detail: string };

/**
 * Compares two strings in time that depends only on their lengths, so an attacker cannot find
 * a key one character at a time. Pure JavaScript, so the SDK runs where node:crypto does not.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return difference === 0;
}

/**
 * Checks `Authorization: Bearer <key>` as fastapi_poe does: a request without a bearer
 * credential is refused even when the bot has no key (401 "Not authenticated"), and a wrong
 * key gets 401 "Invalid access key".
 */
export function checkAuthorization(
  header: string | null,
  accessKey: string | undefined,
): AuthorizationResult {
  const match = header === null ? null : /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { ok: false, detail: "Not authenticated" };
  if (accessKey !== undefined && !constantTimeEqual(match[1]!, accessKey)) {
    return { ok: false, detail: "Invalid access key" };
  }
  return { ok: true };
}
