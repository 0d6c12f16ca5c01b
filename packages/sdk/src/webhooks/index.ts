/** Standard Webhooks 1.0 signing and verification for requests between the platform and bots. */
export { signWebhook, type SignWebhookOptions } from "./sign-webhook.js";
export {
  verifyWebhook,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type VerifyWebhookOptions,
} from "./verify-webhook.js";
export {
  webhookHeaders,
  type WebhookHeaders,
  type WebhookHeadersOptions,
} from "./webhook-headers.js";
export {
  generateWebhookSecret,
  webhookSecretFromAccessKey,
  WEBHOOK_SECRET_PREFIX,
} from "./webhook-secret.js";
export {
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from "./webhook-verification-error.js";
export type { HeaderSource } from "./read-header.js";
