/** The verdict on one request against a limit. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts requests per key in fixed one-minute windows. An interface, so several instances can
 * share counters through Redis (an atomic INCR with EXPIRE) behind the same calls.
 */
export interface RateLimiter {
  /** Counts one request for `key` and says whether it is within `perMinute`. */
  take(key: string, perMinute: number): Promise<RateDecision>;
}

/** The in-process rate limiter for one machine. */
export function createMemoryRateLimiter(clock: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = clock();
  return {
    async take(key, perMinute) {
      const now = clock();
      const windowStart = now - (now % 60_000);
      if (now - lastSweep > 60_000) {
        // Forget finished windows so idle keys do not pile up.
        for (const [name, window] of windows) if (window.start < windowStart) windows.delete(name);
        lastSweep = now;
      }
      let window = windows.get(key);
      if (!window || window.start !== windowStart)
        windows.set(key, (window = { start: windowStart, count: 0 }));
      window.count += 1;
      if (window.count <= perMinute) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000)),
      };
    },
  };
}
