import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createThrottledFlush } from "./throttled-flush.js";

describe("a streaming reply's flushes", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Frames every 16 ms, as a visible tab has them.
    vi.stubGlobal("requestAnimationFrame", (callback: () => void) =>
      Number(setTimeout(callback, 16)),
    );
    vi.stubGlobal("cancelAnimationFrame", (id: number) => clearTimeout(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("renders a burst of tokens once, and at most every interval while they keep coming", () => {
    const flush = vi.fn();
    const throttled = createThrottledFlush(flush, 100);
    // 100 tokens a second for one second.
    for (let token = 0; token < 100; token++) {
      throttled.schedule();
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(200);
    expect(flush.mock.calls.length).toBeGreaterThanOrEqual(8);
    expect(flush.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it("shows the end at once, and nothing after it", () => {
    const flush = vi.fn();
    const throttled = createThrottledFlush(flush, 100);
    throttled.schedule();
    vi.advanceTimersByTime(200);
    throttled.schedule();
    throttled.now();
    expect(flush).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it("still flushes in a hidden tab, where no animation frame comes", () => {
    vi.stubGlobal("requestAnimationFrame", () => 0);
    const flush = vi.fn();
    createThrottledFlush(flush, 100).schedule();
    vi.advanceTimersByTime(300);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
