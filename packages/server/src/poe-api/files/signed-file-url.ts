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

/** Our file URLs in text, after any origin: `/files/<id>?expires=<s>&signature=<sig>`. */
const FILE_URL_IN_TEXT = /\/files\/([\w.~%-]+)\?expires=(\d{1,15})&signature=([\w-]{16,})/g;

/** A URL with less than this left is renewed when its message is read. */
const RENEW_WHEN_LEFT_MS = UPLOAD_URL_LIFETIME_MS / 2;

/**
 * Renews the platform's own file URLs in stored text (a reply's markdown, its files' JSON): a
 * genuine URL that has expired, or soon will, gets a fresh expiry and signature, so a picture a
 * bot attached still shows when the conversation is read the next day. The URLs a bot is given
 * last an hour; whoever may read the message may follow them. Other sites' URLs and forged
 * signatures are left as they are.
 */
export function renewFileUrls(text: string, secret: string, now: number): string {
  if (!text.includes("/files/")) return text;
  return text.replace(
    FILE_URL_IN_TEXT,
    (url, encodedId: string, expires: string, signature: string) => {
      if (Number(expires) * 1000 - now > RENEW_WHEN_LEFT_MS) return url;
      let id: string;
      try {
        id = decodeURIComponent(encodedId);
      } catch {
        return url;
      }
      if (!safeEqual(signature, signatureOf(secret, id, Number(expires)))) return url;
      const renewed = Math.ceil((now + UPLOAD_URL_LIFETIME_MS) / 1000);
      return `/files/${encodedId}?expires=${renewed}&signature=${signatureOf(secret, id, renewed)}`;
    },
  );
}
