import { SdkError } from "../errors.js";

/** Why a webhook was rejected; stable strings so callers can branch without matching messages. */
export type WebhookVerificationErrorCode =
  | "missing_headers"
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "invalid_signature"
  | "invalid_secret";

/**
 * A Standard Webhooks message failed verification, or a secret could not be decoded (signing
 * throws it too, with code `invalid_secret`). The message is safe to log; it never holds the secret.
 */
export class WebhookVerificationError extends SdkError {
  declare readonly code: WebhookVerificationErrorCode;

  constructor(code: WebhookVerificationErrorCode, message: string) {
    super(code, message, false);
  }
}
