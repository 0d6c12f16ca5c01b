import {
  BadRequestError,
  ContextTooLongError,
  ProviderAuthError,
  ProviderUnavailableError,
  RateLimitedError,
} from "../provider-errors.js";
import type { ProviderError } from "../provider-errors.js";

/** What an adapter knows about a failed vendor call, independent of the SDK. */
export interface VendorFailure {
  vendorName: string;
  /** HTTP status; absent for errors reported inside a stream or by the connection. */
  status: number | undefined;
  /** The vendor's error message or body, for matching and for logs. */
  body: string;
  retryAfterSeconds: number | undefined;
  /** The vendor's error type when the body names one (Anthropic `overloaded_error`). */
  errorType?: string | null | undefined;
  cause: unknown;
}

// The vendors' real wordings: OpenAI/vLLM "maximum context length" + `context_length_exceeded`,
// Anthropic "prompt is too long", Gemini "input token count … exceeds the maximum number of
// tokens", llama.cpp `exceed_context_size_error`.
const CONTEXT_TOO_LONG =
  /context_length_exceeded|maximum context length|prompt is too long|exceeds the maximum number of tokens|exceed_context_size|context size|context window/i;

const UNAVAILABLE_TYPES = new Set(["overloaded_error", "api_error", "server_error"]);

/** Maps a vendor failure onto the package's error classes. */
export function classifyVendorError(failure: VendorFailure): ProviderError {
  const { vendorName, status, body, retryAfterSeconds, errorType, cause } = failure;
  const detail = `${vendorName} ${status ?? "stream"}: ${body}`.slice(0, 2000);
  const options = { detail, cause };
  if (status === 401 || status === 403 || errorType === "authentication_error") {
    return new ProviderAuthError(vendorName, options);
  }
  if (status === 429 || errorType === "rate_limit_error") {
    return new RateLimitedError(vendorName, retryAfterSeconds, options);
  }
  if (CONTEXT_TOO_LONG.test(body) && (status === undefined || status < 500)) {
    return new ContextTooLongError(options);
  }
  // Without a status (a connection failure, an in-stream error) only a named client error is
  // the request's fault.
  const serverSide = status === undefined ? !errorType : status >= 500;
  if (serverSide || UNAVAILABLE_TYPES.has(errorType ?? "")) {
    return new ProviderUnavailableError(vendorName, retryAfterSeconds, options);
  }
  return new BadRequestError(vendorName, options);
}
