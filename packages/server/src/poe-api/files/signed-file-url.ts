import { createHmac } from "node:crypto";
import { safeEqual } from "../safe-equal.js";

/** How long the URL an upload returns keeps working. */
export const UPLOAD_URL_LIFETIME_MS = 3600 * 1000;

function signatureOf(secret: string, id: string, expires: number): string {
  return createHmac("sha256", secret)
    .update(`parlor file url v1\n${id}\n${expires}`)
    .digest("base64url");
}

/**
 * An absolute URL for `GET /files/<id>` that works until `expiresAt` (ms since the epoch):
 * the expiry, in seconds, is signed with the platform secret, so nobody can forge or extend it.
 */
export function signedFileUrl(input: {
  baseUrl: string;
  secret: string;
  id: string;
  expiresAt: number;
}): string {
  const expires = Math.ceil(input.expiresAt / 1000);
  const query = new URLSearchParams({
    expires: String(expires),
    signature: signatureOf(input.secret, input.id, expires),
  });
  return `${input.baseUrl.replace(/\/+$/, "")}/files/${encodeURIComponent(input.id)}?${query.toString()}`;
}

/** Whether a file URL's `expires` and `signature` are genuine and not past (`now` in ms). */
export function isValidFileSignature(input: {
  secret: string;
  id: string;
  expires: string | undefined;
  signature: string | undefined;
  now: number;
}): boolean {
  if (!input.expires || !input.signature || !/^\d{1,15}$/.test(input.expires)) return false;
  const expires = Number(input.expires);
  if (expires * 1000 <= input.now) return false;
  return safeEqual(input.signature, signatureOf(input.secret, input.id, expires));
}
