import type { Redis } from "ioredis";
import type { RateLimiter } from "./rate-limiter.js";

/** Counts one request and starts the window's expiry on the first: atomic on the server. */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/**
 * The rate limiter for several platform instances: the same one-minute windows as the
 * in-process limiter, counted in Redis so every instance sees the same totals.
 */
export function createRedisRateLimiter(
  redis: Redis,
  options: { prefix?: string; clock?: () => number } = {},
): RateLimiter {
  const prefix = options.prefix ?? "parlor:rate";
  const clock = options.clock ?? Date.now;
  return {
    async take(key, perMinute) {
      const now = clock();
      const windowStart = now - (now % 60_000);
      const count = Number(await redis.eval(TAKE, 1, `${prefix}:${key}:${windowStart}`, 60_000));
      if (count <= perMinute) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000)),
      };
    },
  };
}
