import { describe, expect, it } from "vitest";
import { UnauthenticatedError } from "../errors.js";
import { createMemoryRateLimiter } from "../limits/rate-limiter.js";
import { BACKOFF_MAX_DELAY_MS, backoffDelay, createLoginThrottle } from "./login-throttle.js";

describe("the login throttle", () => {
  const wrong = () => Promise.reject(new UnauthenticatedError("Wrong email or password"));
  const right = () => Promise.resolve("signed in");

  it("doubles a wait per failure past the threshold, up to a cap", () => {
    expect([0, 9, 10, 11, 12, 13].map((failures) => backoffDelay(failures, 10))).toEqual([
      0, 0, 250, 500, 1000, 2000,
    ]);
    expect(backoffDelay(40, 10)).toBe(BACKOFF_MAX_DELAY_MS);
  });

  it("slows an account failed from many addresses but still lets its owner in", async () => {
    const waits: number[] = [];
    const throttle = createLoginThrottle({
      limiter: createMemoryRateLimiter(() => 1_000),
      failuresPerMinute: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    // Two failures from each of six addresses: no address is over its limit, the account is.
    for (let address = 0; address < 6; address++)
      for (let i = 0; i < 2; i++)
        await expect(
          throttle.attempt("owner@example.com", `10.0.0.${address}`, wrong),
        ).rejects.toThrow(UnauthenticatedError);
    expect(waits).toEqual([250, 500]);
    await expect(throttle.attempt("Owner@example.com", "192.0.2.1", right)).resolves.toBe(
      "signed in",
    );
    expect(waits).toEqual([250, 500, 1000]);
    // Other accounts are not slowed.
    await expect(throttle.attempt("other@example.com", "192.0.2.1", right)).resolves.toBe(
      "signed in",
    );
    expect(waits).toHaveLength(3);
  });

  it("does not let answers other than a wrong password wipe the count of failures", async () => {
    const throttle = createLoginThrottle({
      limiter: createMemoryRateLimiter(() => 1_000),
      failuresPerMinute: 2,
    });
    const tooLong = () => Promise.reject(new Error("a password too long"));
    await expect(throttle.attempt("a@example.com", "10.0.0.1", wrong)).rejects.toThrow();
    await expect(throttle.attempt("a@example.com", "10.0.0.1", tooLong)).rejects.toThrow();
    await expect(throttle.attempt("a@example.com", "10.0.0.1", wrong)).rejects.toThrow();
    await expect(throttle.attempt("a@example.com", "10.0.0.1", right)).rejects.toThrow(
      /Too many failed logins/,
    );
  });

  it("counts a burst of attempts in parallel before any of them finishes", async () => {
    const throttle = createLoginThrottle({
      limiter: createMemoryRateLimiter(() => 1_000),
      failuresPerMinute: 3,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => throttle.attempt("a@example.com", "10.0.0.1", wrong)),
    );
    const limited = results.filter(
      (result) => result.status === "rejected" && /Too many/.test(String(result.reason)),
    );
    expect(limited).toHaveLength(7);
  });
});
