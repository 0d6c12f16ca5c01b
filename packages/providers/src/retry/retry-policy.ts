import { setTimeout as sleep } from "node:timers/promises";

/** How failed vendor calls are retried. One policy for every adapter; the SDKs' own are off. */
export interface RetryPolicy {
  /** Most tries in all, the first included. */
  maxAttempts: number;
  /** Most time spent waiting between tries, in all, in milliseconds. */
  maxTotalWaitMs: number;
  /** The first backoff when the vendor gives no `Retry-After`; doubled per retry. */
  initialDelayMs: number;
  /** Waits; injected so tests need not wait for real. Rejects when `signal` aborts. */
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for jitter. */
  random: () => number;
}

/** The policy the issue asks for: at most 3 tries and 60 s of waiting in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  maxTotalWaitMs: 60_000,
  initialDelayMs: 500,
  // Rejects as soon as the signal aborts; the retry loop turns that into a CancelledError.
  sleep: (milliseconds, signal) => sleep(milliseconds, undefined, { signal }),
  random: Math.random,
};
