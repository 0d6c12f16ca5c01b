import { signWebhook } from "./sign-webhook.js";

/**
 * The three Standard Webhooks headers a signed request carries. A type alias rather than an
 * interface so it can be passed wherever a `Record<string, string>` of headers is expected.
 */
export type WebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** What `webhookHeaders` needs; the timestamp defaults to the current time. */
export interface WebhookHeadersOptions {
  /** `whsec_<base64>` or bare base64. */
  secret: string;
  /** A message id that stays the same across retries, so receivers can drop duplicates. */
  id: string;
  /** Whole seconds since the Unix epoch; defaults to `now()`. */
  timestamp?: number;
  /** The exact bytes that will be sent. */
  body: string | Uint8Array;
  /** The clock in milliseconds, injectable so tests are hermetic; defaults to `Date.now`. */
  now?: () => number;
}

/** Builds the headers the platform attaches to a request it sends to a bot. */
export function webhookHeaders({
  secret,
  id,
  timestamp,
  body,
  now = Date.now,
}: WebhookHeadersOptions): WebhookHeaders {
  const seconds = timestamp ?? Math.floor(now() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": signWebhook({ secret, id, timestamp: seconds, body }),
  };
}
