import type { ProviderEvent } from "../model-provider.js";
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
 * Runs `attempt` and retries it on retryable errors (429, 5xx, a broken connection) while no
 * text or tool call has reached the caller: after that a retry would repeat the answer, so the
 * error goes to the caller instead. A wait that would pass the policy's total fails at once.
 */
export async function* streamWithRetries(
  attempt: (signal: AbortSignal | undefined) => AsyncIterable<ProviderEvent>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
): AsyncGenerator<ProviderEvent> {
  let waitedMs = 0;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    let answerStarted = false;
    try {
      for await (const event of attempt(signal)) {
        if (event.event === "text" || event.event === "json") answerStarted = true;
        yield event;
      }
      return;
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const wait = delayMs(error, attemptNumber - 1, policy);
      const mayRetry =
        error.isRetryable &&
        !answerStarted &&
        attemptNumber < policy.maxAttempts &&
        waitedMs + wait <= policy.maxTotalWaitMs;
      if (!mayRetry) throw error;
      try {
        await policy.sleep(wait, signal);
      } catch (cause) {
        throw new CancelledError({ cause });
      }
      waitedMs += wait;
    }
  }
}
