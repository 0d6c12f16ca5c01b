import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { createRedisRateLimiter } from "./redis-rate-limiter.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL is not set: the Redis rate limiter suite is skipped");
const redis = redisUrl ? new Redis(redisUrl) : undefined;
afterAll(async () => {
  await redis?.quit();
});

type Make = (clock: () => number) => RateLimiter;
const limiters: [string, Make][] = [["memory", (clock) => createMemoryRateLimiter(clock)]];
if (redis) {
  limiters.push([
    "redis",
    // A fresh prefix per run, so runs never see each other's counters.
    (clock) => createRedisRateLimiter(redis, { prefix: `parlor-test:${randomUUID()}`, clock }),
  ]);
}

describe.each(limiters)("%s rate limiter", (_name, make) => {
  it("allows up to the limit per minute, then says when to come back", async () => {
    let now = 60_000 * 10 + 15_000;
    const limiter = make(() => now);
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: true });
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: true });
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await limiter.take("user:b", 2)).toEqual({ allowed: true });
    now += 45_000;
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: true });
  });

  it("counts every caller sharing it, as several instances would", async () => {
    const now = 60_000 * 20;
    const shared = make(() => now);
    const results = await Promise.all(Array.from({ length: 10 }, () => shared.take("bot:x", 6)));
    expect(results.filter((result) => result.allowed)).toHaveLength(6);
  });

  it("counts in longer windows, peeks without counting, forgives one and forgets all", async () => {
    const now = 3_600_000 * 5 + 60_000;
    const limiter = make(() => now);
    expect(await limiter.add("signup:a", 3_600_000)).toEqual({ count: 1, retryAfterSeconds: 3540 });
    await limiter.add("signup:a", 3_600_000);
    expect((await limiter.peek("signup:a", 3_600_000)).count).toBe(2);
    expect((await limiter.peek("signup:a", 60_000)).count).toBe(0);
    await limiter.forgive("signup:a", 3_600_000);
    expect((await limiter.peek("signup:a", 3_600_000)).count).toBe(1);
    await limiter.reset("signup:a", 3_600_000);
    expect((await limiter.peek("signup:a", 3_600_000)).count).toBe(0);
    await limiter.forgive("signup:a", 3_600_000);
    expect((await limiter.peek("signup:a", 3_600_000)).count).toBe(0);
  });
});
