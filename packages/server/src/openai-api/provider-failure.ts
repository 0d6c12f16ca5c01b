import {
  ProviderError,
  RateLimitedError,
  ProviderUnavailableError,
  type ProviderErrorCode,
} from "@parlor/providers";
import { OpenAIError, type OpenAIErrorType } from "./openai-error.js";

/** OpenAI's status and type for each provider failure, as an OpenAI client would expect. */
const STATUS: Record<ProviderErrorCode, { status: number; type: OpenAIErrorType; code: string }> = {
  // The platform's key for the vendor is wrong: the caller's key is fine, the server is not.
  provider_auth: { status: 502, type: "server_error", code: "provider_auth" },
  rate_limited: { status: 429, type: "rate_limit_error", code: "rate_limited" },
  provider_unavailable: { status: 503, type: "server_error", code: "provider_unavailable" },
  context_too_long: {
    status: 400,
    type: "invalid_request_error",
    code: "context_length_exceeded",
  },
  bad_request: { status: 400, type: "invalid_request_error", code: "invalid_request" },
  cancelled: { status: 499, type: "invalid_request_error", code: "cancelled" },
};

/**
 * A provider's failure as an OpenAI error: its plain message (the vendor's own wording stays
 * in the log), the vendor's `Retry-After` when it gave one. Other errors pass through.
 */
export function providerFailure(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  const { status, type, code } = STATUS[error.code];
  const retryAfter =
    error instanceof RateLimitedError || error instanceof ProviderUnavailableError
      ? error.retryAfterSeconds
      : undefined;
  return new OpenAIError(status, error.message, {
    type,
    code,
    // The providers package already retried; the client should not pile on at once.
    headers: {
      "x-should-retry": "false",
      ...(retryAfter !== undefined && { "retry-after": String(Math.ceil(retryAfter)) }),
    },
  });
}
