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

/** Each genuine URL of ours in `text` that is due for renewal, with its file id. */
function* dueUrls(text: string, secret: string, now: number) {
  if (!text.includes("/files/")) return;
  for (const match of text.matchAll(FILE_URL_IN_TEXT)) {
    const [url, encodedId, expires, signature] = match as unknown as [
      string,
      string,
      string,
      string,
    ];
    if (Number(expires) * 1000 - now > RENEW_WHEN_LEFT_MS) continue;
    let id: string;
    try {
      id = decodeURIComponent(encodedId);
    } catch {
      continue;
    }
    if (safeEqual(signature, signatureOf(secret, id, Number(expires))))
      yield { url, id, encodedId };
  }
}

/** The ids of the files whose URLs in `text` are genuine and expired or about to expire. */
export function fileIdsDueForRenewal(text: string, secret: string, now: number): Set<string> {
  return new Set([...dueUrls(text, secret, now)].map((due) => due.id));
}

/**
 * Renews the platform's own file URLs in stored text (a reply's markdown, its files' JSON): a
 * genuine URL that has expired, or soon will, of a file `mayRenew` allows gets a fresh expiry
 * and signature, so a picture a bot attached still shows when the conversation is read the
 * next day. Only files of the conversation may be renewed (see file-url-renewer.ts): a text
 * could carry any file's old URL. Other sites' URLs and forged signatures are left as they are.
 */
export function renewFileUrls(
  text: string,
  secret: string,
  now: number,
  mayRenew: (fileId: string) => boolean,
): string {
  let renewedText = text;
  for (const { url, id, encodedId } of dueUrls(text, secret, now)) {
    if (!mayRenew(id)) continue;
    const renewed = Math.ceil((now + UPLOAD_URL_LIFETIME_MS) / 1000);
    const fresh = `/files/${encodedId}?expires=${renewed}&signature=${signatureOf(secret, id, renewed)}`;
    renewedText = renewedText.replace(url, fresh);
  }
  return renewedText;
}
