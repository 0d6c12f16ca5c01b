import type { ProviderEvent } from "../model-provider.js";
import type { RetryPolicy } from "./retry-policy.js";
import { retryWait, sleepBeforeRetry } from "./retry-wait.js";

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
      const wait = answerStarted ? undefined : retryWait(error, attemptNumber, waitedMs, policy);
      if (wait === undefined) throw error;
      await sleepBeforeRetry(wait, policy, signal);
      waitedMs += wait;
    }
  }
}
