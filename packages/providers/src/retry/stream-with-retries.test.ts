import { describe, expect, it } from "vitest";
import type { ProviderEvent } from "../model-provider.js";
import { BadRequestError, ProviderUnavailableError, RateLimitedError } from "../provider-errors.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import { streamWithRetries } from "./stream-with-retries.js";

function policy(waits: number[], overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    random: () => 0.5,
    sleep: async (milliseconds) => void waits.push(milliseconds),
    ...overrides,
  };
}

/** An attempt function failing with the given errors in turn, then answering "ok". */
function failing(...errors: Error[]) {
  let calls = 0;
  const attempt = async function* (): AsyncGenerator<ProviderEvent> {
    const error = errors[calls++];
    if (error) throw error;
    yield { event: "text", data: { text: "ok" } };
  };
  return { attempt, calls: () => calls };
}

async function run(stream: AsyncIterable<ProviderEvent>) {
  const texts: string[] = [];
  try {
    for await (const event of stream) if (event.event === "text") texts.push(event.data.text);
    return { texts, error: undefined };
  } catch (error) {
    return { texts, error };
  }
}

describe("streamWithRetries", () => {
  it("backs off exponentially with jitter when the vendor gives no Retry-After", async () => {
    const waits: number[] = [];
    const unavailable = new ProviderUnavailableError("X", undefined);
    const { attempt } = failing(unavailable, unavailable);
    const result = await run(streamWithRetries(attempt, policy(waits), undefined));
    expect(result.texts).toEqual(["ok"]);
    // Equal jitter at random 0.5: three quarters of 500 ms, then of 1000 ms.
    expect(waits).toEqual([375, 750]);
  });

  it("never retries a request error", async () => {
    const waits: number[] = [];
    const { attempt, calls } = failing(new BadRequestError("X"));
    const result = await run(streamWithRetries(attempt, policy(waits), undefined));
    expect(result.error).toBeInstanceOf(BadRequestError);
    expect(calls()).toBe(1);
  });

  it("stops once the waits would pass the total budget", async () => {
    const waits: number[] = [];
    const limited = new RateLimitedError("X", 40);
    const { attempt, calls } = failing(limited, limited, limited);
    const result = await run(streamWithRetries(attempt, policy(waits), undefined));
    expect(result.error).toBe(limited);
    expect(waits).toEqual([40_000]);
    expect(calls()).toBe(2);
  });

  it("never retries once text reached the caller", async () => {
    const waits: number[] = [];
    const attempt = async function* (): AsyncGenerator<ProviderEvent> {
      yield { event: "text", data: { text: "partial" } };
      throw new ProviderUnavailableError("X", undefined);
    };
    const result = await run(streamWithRetries(attempt, policy(waits), undefined));
    expect(result.texts).toEqual(["partial"]);
    expect(result.error).toBeInstanceOf(ProviderUnavailableError);
    expect(waits).toEqual([]);
  });

  it("turns an abort during the wait into a cancellation", async () => {
    const controller = new AbortController();
    const { attempt, calls } = failing(new RateLimitedError("X", 30));
    const stream = streamWithRetries(attempt, DEFAULT_RETRY_POLICY, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const result = await run(stream);
    expect(result.error).toMatchObject({ code: "cancelled" });
    expect(calls()).toBe(1);
  });
});
