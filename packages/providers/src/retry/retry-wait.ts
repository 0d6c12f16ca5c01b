import {
  CancelledError,
  ProviderError,
  ProviderUnavailableError,
  RateLimitedError,
} from "../provider-errors.js";
import type { RetryPolicy } from "./retry-policy.js";

/** The wait before the next try: the vendor's hint, else jittered exponential backoff. */
function delayMs(error: ProviderError, retry: number, policy: RetryPolicy): number {
  const hint =
    error instanceof RateLimitedError || error instanceof ProviderUnavailableError
      ? error.retryAfterSeconds
      : undefined;
  if (hint !== undefined) return hint * 1000;
  const backoff = policy.initialDelayMs * 2 ** retry;
  // "Equal jitter": between half and all of the backoff, so retries of many callers spread out.
  return backoff / 2 + (backoff / 2) * policy.random();
}

/**
 * How long to wait before trying again after `error` ended try number `attemptNumber`
 * (1-based), or undefined when the error goes to the caller: not retryable, out of tries, or a
 * wait that would pass the policy's total.
 */
export function retryWait(
  error: unknown,
  attemptNumber: number,
  waitedMs: number,
  policy: RetryPolicy,
): number | undefined {
  if (!(error instanceof ProviderError) || !error.isRetryable) return undefined;
  const wait = delayMs(error, attemptNumber - 1, policy);
  if (attemptNumber >= policy.maxAttempts || waitedMs + wait > policy.maxTotalWaitMs) {
    return undefined;
  }
  return wait;
}

/** Waits `milliseconds` by the policy's clock; an abort of `signal` is a cancellation. */
export async function sleepBeforeRetry(
  milliseconds: number,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    await policy.sleep(milliseconds, signal);
  } catch (cause) {
    throw new CancelledError({ cause });
  }
}
