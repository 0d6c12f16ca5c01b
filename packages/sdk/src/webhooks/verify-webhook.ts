import { timingSafeEqual } from "node:crypto";
import { readHeader, type HeaderSource } from "./read-header.js";
import { signWebhook } from "./sign-webhook.js";
import { decodeWebhookSecret } from "./webhook-secret.js";
import { WebhookVerificationError } from "./webhook-verification-error.js";

/** How far a timestamp may sit from our clock, either way, before we call it a replay. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** What `verifyWebhook` checks. */
export interface VerifyWebhookOptions {
  /** `whsec_<base64>` or bare base64. */
  secret: string;
  /** The received headers; names are matched case-insensitively. */
  headers: HeaderSource;
  /** The exact bytes received, before any JSON parsing. */
  body: string | Uint8Array;
  /** The clock in milliseconds, injectable so tests are hermetic; defaults to `Date.now`. */
  now?: () => number;
  /** Defaults to 300 seconds, applied to the past and the future alike. */
  toleranceSeconds?: number;
}

/**
 * Checks a Standard Webhooks request: all three headers present, timestamp fresh, and at least one
 * `v1` signature matching. Returns nothing on success; throws `WebhookVerificationError` otherwise.
 */
export function verifyWebhook({
  secret,
  headers,
  body,
  now = Date.now,
  toleranceSeconds = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
}: VerifyWebhookOptions): void {
  // A broken secret is a configuration fault, so report it before blaming the sender.
  decodeWebhookSecret(secret);
  const id = readHeader(headers, "webhook-id");
  const timestampText = readHeader(headers, "webhook-timestamp");
  const signatures = readHeader(headers, "webhook-signature");
  if (!id || !timestampText || !signatures) {
    throw new WebhookVerificationError(
      "missing_headers",
      "webhook-id, webhook-timestamp and webhook-signature are all required.",
    );
  }
  const timestamp = parseTimestamp(timestampText);
  const nowSeconds = Math.floor(now() / 1000);
  if (nowSeconds - timestamp > toleranceSeconds) {
    throw new WebhookVerificationError("timestamp_too_old", "The webhook timestamp is too old.");
  }
  if (timestamp - nowSeconds > toleranceSeconds) {
    throw new WebhookVerificationError(
      "timestamp_too_new",
      "The webhook timestamp is in the future.",
    );
  }
  const expected = Buffer.from(signWebhook({ secret, id, timestamp, body }));
  const matches = signatures.split(" ").some((entry) => {
    // Only v1 entries count; others (such as v1a, asymmetric) are ignored as the spec asks.
    if (!entry.startsWith("v1,")) return false;
    const candidate = Buffer.from(entry);
    // Lengths are public (a v1 signature is always 44 base64 characters), so checking first is safe.
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  if (!matches) {
    throw new WebhookVerificationError("invalid_signature", "No webhook signature matched.");
  }
}

function parseTimestamp(text: string): number {
  // Digits only: parseInt would accept "12abc" or "1e9" and sign something else than was sent.
  const timestamp = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(timestamp)) {
    throw new WebhookVerificationError(
      "invalid_timestamp",
      "webhook-timestamp must be whole seconds since the Unix epoch.",
    );
  }
  return timestamp;
}
