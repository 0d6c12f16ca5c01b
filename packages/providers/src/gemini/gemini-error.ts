import { ApiError } from "@google/genai";
import { classifyVendorError } from "../internal/classify-vendor-error.js";
import { CancelledError, ProviderError } from "../provider-errors.js";

const VENDOR = "Google Gemini";

/** Seconds of a `google.rpc.RetryInfo` `retryDelay` such as `"2s"` or `"1.5s"` in an error body. */
function retryDelaySeconds(body: string): number | undefined {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Turns what the Gemini SDK threw into a `ProviderError`. Gemini answers a wrong key with 400
 * `API_KEY_INVALID`, so that is an auth failure; `retryAfter` is the response's `Retry-After`,
 * which the SDK's `ApiError` does not keep.
 */
export function fromGeminiError(
  error: unknown,
  signal: AbortSignal | undefined,
  retryAfter: number | undefined,
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return new CancelledError({ cause: error });
  if (error instanceof ApiError) {
    const keyInvalid = error.message.includes("API_KEY_INVALID");
    return classifyVendorError({
      vendorName: VENDOR,
      status: keyInvalid ? 401 : error.status,
      body: error.message,
      retryAfterSeconds: retryAfter ?? retryDelaySeconds(error.message),
      cause: error,
    });
  }
  // Not an HTTP answer: the connection failed or the stream was cut.
  return classifyVendorError({
    vendorName: VENDOR,
    status: undefined,
    body: `connection: ${error instanceof Error ? error.message : String(error)}`,
    retryAfterSeconds: undefined,
    cause: error,
  });
}
