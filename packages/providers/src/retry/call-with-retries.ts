import type { RetryPolicy } from "./retry-policy.js";
import { retryWait, sleepBeforeRetry } from "./retry-wait.js";

/**
 * Runs a one-shot vendor call (embeddings) under the same policy as answers: retryable errors
 * (429, 5xx, a broken connection) are tried again, honouring `Retry-After`, within the
 * policy's tries and total wait.
 */
export async function callWithRetries<T>(
  attempt: (signal: AbortSignal | undefined) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
): Promise<T> {
  let waitedMs = 0;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(signal);
    } catch (error) {
      const wait = retryWait(error, attemptNumber, waitedMs, policy);
      if (wait === undefined) throw error;
      await sleepBeforeRetry(wait, policy, signal);
      waitedMs += wait;
    }
  }
}
