import type { Redis } from "ioredis";
import { secondsLeft, takeFromWindow, windowStartOf, type RateLimiter } from "./rate-limiter.js";

/** Counts one request and starts the window's expiry on the first: atomic on the server. */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/** Takes one back, never below zero and never creating a key without an expiry. */
const FORGIVE = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  if redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
end
return 0`;

/**
 * The rate limiter for several platform instances: the same fixed windows as the in-process
 * limiter, counted in Redis so every instance sees the same totals.
 */
export function createRedisRateLimiter(
  redis: Redis,
  options: { prefix?: string; clock?: () => number } = {},
): RateLimiter {
  const prefix = options.prefix ?? "parlor:rate";
  const clock = options.clock ?? Date.now;
  const window = (key: string, windowMs: number) => {
    const now = clock();
    const start = windowStartOf(now, windowMs);
    // One-minute windows keep the key names they always had.
    const name = windowMs === 60_000 ? `${key}:${start}` : `${key}:${windowMs}:${start}`;
    return { name: `${prefix}:${name}`, retryAfterSeconds: secondsLeft(start, windowMs, now) };
  };
  const add: RateLimiter["add"] = async (key, windowMs) => {
    const { name, retryAfterSeconds } = window(key, windowMs);
    const count = Number(await redis.eval(TAKE, 1, name, windowMs));
    return { count, retryAfterSeconds };
  };
  return {
    take: (key, perMinute) => takeFromWindow(add, key, perMinute),
    add,
    async peek(key, windowMs) {
      const { name, retryAfterSeconds } = window(key, windowMs);
      return { count: Number((await redis.get(name)) ?? 0), retryAfterSeconds };
    },
    async reset(key, windowMs) {
      await redis.del(window(key, windowMs).name);
    },
    async forgive(key, windowMs) {
      await redis.eval(FORGIVE, 1, window(key, windowMs).name);
    },
  };
}
