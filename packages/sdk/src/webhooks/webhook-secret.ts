import { randomBytes } from "node:crypto";
import { WebhookVerificationError } from "./webhook-verification-error.js";

/** The prefix Standard Webhooks puts before the base64 of a secret so people can recognise one. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

// Strict alphabet check: Buffer's base64 decoder silently skips bad characters, which would turn
// a mistyped secret into a different key instead of an error.
const BASE64_PATTERN =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * Turns a secret given as `whsec_<base64>` or bare base64 into the HMAC key bytes.
 * Throws `WebhookVerificationError` with code `invalid_secret` when it is empty or not base64.
 */
export function decodeWebhookSecret(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  if (encoded.length === 0 || !BASE64_PATTERN.test(encoded)) {
    throw new WebhookVerificationError(
      "invalid_secret",
      "The webhook secret must be base64, optionally prefixed with whsec_.",
    );
  }
  return Buffer.from(encoded, "base64");
}

/** Creates a new signing secret: `whsec_` and the base64 of 32 random bytes (256 bits). */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString("base64");
}

/**
 * The signing secret Parlor uses for a bot: the base64 of its access key. A bot that knows its
 * key can therefore check signatures without configuring a second secret.
 */
export function webhookSecretFromAccessKey(accessKey: string): string {
  return `${WEBHOOK_SECRET_PREFIX}${Buffer.from(accessKey, "utf8").toString("base64")}`;
}
