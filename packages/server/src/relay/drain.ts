import { PlatformError } from "../errors.js";

/**
 * Why a reply was cut that its user did not stop: the instance is going away. The reply ends
 * as an error the user may retry (another instance answers), keeping what it had written.
 */
export class RetryableStop extends Error {
  override name = "RetryableStop";
}

/** What users read on a reply the drain's deadline cut. */
export const DRAIN_CUT_TEXT =
  "This server restarted while the reply was being written. Retry to get the whole answer.";

/** An instance's graceful drain; see {@link createDrain}. */
export interface Drain {
  /** Aborted with a RetryableStop when the running replies are cut. */
  readonly signal: AbortSignal;
  /** Whether the drain began: no new replies, `/readyz` fails. */
  readonly draining: boolean;
  begin(): void;
  /** Throws the 503 a new reply gets while draining. */
  admit(): void;
  /** Counts `work` (a reply or a bot call) as running until it settles. */
  track(work: Promise<unknown>): void;
  /**
   * Begins, lets running work finish for up to `deadlineMs`, then cuts what is left; resolves
   * once all of it has settled.
   */
  finish(deadlineMs: number): Promise<void>;
}

/**
 * An instance's graceful drain: once begun it takes no new replies (a 503 another instance
 * can answer instead) and reports itself not ready; at the deadline the replies and bot calls
 * still running are aborted, through `signal`, with a {@link RetryableStop}.
 */
export function createDrain(): Drain {
  const controller = new AbortController();
  const running = new Set<Promise<unknown>>();
  let draining = false;
  const cut = () => {
    draining = true;
    if (!controller.signal.aborted) controller.abort(new RetryableStop(DRAIN_CUT_TEXT));
  };
  return {
    signal: controller.signal,
    get draining(): boolean {
      return draining;
    },
    begin(): void {
      draining = true;
    },
    admit(): void {
      if (!draining) return;
      throw new PlatformError(
        "unavailable",
        503,
        "This server is restarting. Send it again in a moment.",
        { retryable: true, headers: { "retry-after": "2" } },
      );
    },
    track(work) {
      running.add(work);
      void work.catch(() => {}).finally(() => running.delete(work));
    },
    async finish(deadlineMs) {
      draining = true;
      const deadline = setTimeout(cut, deadlineMs);
      await Promise.allSettled([...running]);
      clearTimeout(deadline);
    },
  };
}
