import { describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "./rate-limiter.js";

describe("createMemoryRateLimiter", () => {
  it("allows up to the limit per minute, then says when to come back", async () => {
    let now = 60_000 * 10 + 15_000;
    const limiter = createMemoryRateLimiter(() => now);
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: true });
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: true });
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await limiter.take("user:b", 2)).toEqual({ allowed: true });
    now += 45_000;
    expect(await limiter.take("user:a", 2)).toEqual({ allowed: true });
  });
});
