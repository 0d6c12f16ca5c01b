import { createHmac } from "node:crypto";
import { decodeWebhookSecret } from "./webhook-secret.js";

/** What `signWebhook` signs. */
export interface SignWebhookOptions {
  /** `whsec_<base64>` or bare base64. */
  secret: string;
  /** The `webhook-id` header value; stays the same across retries of one message. */
  id: string;
  /** The `webhook-timestamp` header value, in whole seconds since the Unix epoch. */
  timestamp: number;
  /** The exact bytes that will be sent; re-serialising JSON later breaks the signature. */
  body: string | Uint8Array;
}

/**
 * Computes the Standard Webhooks `webhook-signature` header value, `v1,<base64 HMAC-SHA256>` over
 * `${id}.${timestamp}.${body}`.
 */
export function signWebhook({ secret, id, timestamp, body }: SignWebhookOptions): string {
  // A fractional or negative timestamp would be signed here and then rejected by every verifier.
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`A webhook timestamp must be whole seconds, got ${timestamp}.`);
  }
  const signature = createHmac("sha256", decodeWebhookSecret(secret))
    .update(`${id}.${timestamp}.`)
    // Bytes go in untouched: decoding them as text first would alter non-UTF-8 bodies.
    .update(body)
    .digest("base64");
  return `v1,${signature}`;
}
