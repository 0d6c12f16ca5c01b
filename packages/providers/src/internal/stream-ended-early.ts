import {
  CancelledError,
  ProviderUnavailableError,
  type ProviderError,
} from "../provider-errors.js";

/**
 * The error for a vendor stream that closed before saying it was finished. The SDKs end a
 * stream quietly when its signal aborts, so that case is a cancellation.
 */
export function streamEndedEarly(
  vendorName: string,
  signal: AbortSignal | undefined,
): ProviderError {
  if (signal?.aborted) return new CancelledError();
  return new ProviderUnavailableError(vendorName, undefined, {
    detail: `${vendorName} closed the stream before the end of the answer`,
  });
}
