/** The verdict on one request against a limit. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A key's count in the current fixed window, and how long until that window ends. */
export interface WindowCount {
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts requests per key in fixed windows (one minute unless said otherwise). An interface,
 * so several instances can share counters through Redis (an atomic INCR with EXPIRE) behind the
 * same calls.
 */
export interface RateLimiter {
  /** Counts one request for `key` and says whether it is within `perMinute`. */
  take(key: string, perMinute: number): Promise<RateDecision>;
  /** Counts one for `key` in windows of `windowMs`; returns the window's count with it. */
  add(key: string, windowMs: number): Promise<WindowCount>;
  /** The current window's count for `key`, without counting. */
  peek(key: string, windowMs: number): Promise<WindowCount>;
  /** Forgets the current window's count for `key`. */
  reset(key: string, windowMs: number): Promise<void>;
  /** Takes one back from the current window's count for `key` (an attempt that turned out fine). */
  forgive(key: string, windowMs: number): Promise<void>;
}

/** The start of the fixed window of `windowMs` that `now` falls in. */
export function windowStartOf(now: number, windowMs: number): number {
  return now - (now % windowMs);
}

/** Seconds until the window that started at `windowStart` ends; at least one. */
export function secondsLeft(windowStart: number, windowMs: number, now: number): number {
  return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
}

/** A {@link RateLimiter}'s `take`, from its `add`: one minute's window against `perMinute`. */
export async function takeFromWindow(
  add: RateLimiter["add"],
  key: string,
  perMinute: number,
): Promise<RateDecision> {
  const { count, retryAfterSeconds } = await add(key, 60_000);
  return count <= perMinute ? { allowed: true } : { allowed: false, retryAfterSeconds };
}

/** The in-process rate limiter for one machine. */
export function createMemoryRateLimiter(clock: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; end: number; count: number }>();
  let lastSweep = clock();
  const current = (key: string, windowMs: number) => {
    const now = clock();
    if (now - lastSweep > 60_000) {
      // Forget finished windows so idle keys do not pile up.
      for (const [name, window] of windows) if (window.end <= now) windows.delete(name);
      lastSweep = now;
    }
    const start = windowStartOf(now, windowMs);
    const name = `${windowMs}:${key}`;
    let window = windows.get(name);
    if (!window || window.start !== start)
      windows.set(name, (window = { start, end: start + windowMs, count: 0 }));
    return { window, retryAfterSeconds: secondsLeft(start, windowMs, now) };
  };
  const add: RateLimiter["add"] = async (key, windowMs) => {
    const { window, retryAfterSeconds } = current(key, windowMs);
    window.count += 1;
    return { count: window.count, retryAfterSeconds };
  };
  return {
    take: (key, perMinute) => takeFromWindow(add, key, perMinute),
    add,
    async peek(key, windowMs) {
      const { window, retryAfterSeconds } = current(key, windowMs);
      return { count: window.count, retryAfterSeconds };
    },
    async reset(key, windowMs) {
      windows.delete(`${windowMs}:${key}`);
    },
    async forgive(key, windowMs) {
      const { window } = current(key, windowMs);
      window.count = Math.max(0, window.count - 1);
    },
  };
}
