import { CancelledError, ProviderError } from "../provider-errors.js";
import { retryAfterSeconds } from "../retry/retry-after.js";
import { classifyVendorError } from "./classify-vendor-error.js";

/** The fields the OpenAI and Anthropic SDKs' `APIError` share (both are Stainless-generated). */
interface SdkApiError {
  status?: number | undefined;
  headers?: { get(name: string): string | null } | undefined;
  error?: unknown;
  type?: string | null;
  message: string;
}

function isSdkApiError(error: unknown): error is SdkApiError {
  return error instanceof Error && "status" in error && "headers" in error;
}

/** The error type an SDK error body names: Anthropic `{error: {type}}`, OpenAI `{type}`. */
function errorTypeOf(error: SdkApiError): string | undefined {
  if (typeof error.type === "string") return error.type;
  const body = error.error as { type?: unknown; error?: { type?: unknown } } | undefined;
  const type = body?.error?.type ?? body?.type;
  return typeof type === "string" ? type : undefined;
}

/**
 * Turns whatever an SDK call threw into a `ProviderError`: an abort of `signal` is a
 * cancellation, an `APIError` is classified by status and body, anything else (a connection
 * reset, a stream cut) means the vendor is unavailable.
 */
export function fromSdkError(
  error: unknown,
  vendorName: string,
  signal: AbortSignal | undefined,
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return new CancelledError({ cause: error });
  if (isSdkApiError(error)) {
    return classifyVendorError({
      vendorName,
      status: error.status,
      body: `${JSON.stringify(error.error ?? null)} ${error.message}`,
      retryAfterSeconds: retryAfterSeconds(error.headers),
      errorType: errorTypeOf(error),
      cause: error,
    });
  }
  return classifyVendorError({
    vendorName,
    status: undefined,
    body: error instanceof Error ? `connection: ${error.message}` : "connection failed",
    retryAfterSeconds: undefined,
    cause: error,
  });
}
