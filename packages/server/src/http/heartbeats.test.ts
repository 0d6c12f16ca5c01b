import { afterEach, describe, expect, it, vi } from "vitest";
import { startKeepAlive, stopKeepAlive } from "./heartbeats.js";

describe("keepAlive", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends each open stream a comment every 15 s from one timer, and none once stopped", () => {
    vi.useFakeTimers();
    const first: string[] = [];
    const second: string[] = [];
    const firstStream = { write: (text: string) => void first.push(text) };
    const secondStream = { write: (text: string) => void second.push(text) };
    startKeepAlive(firstStream);
    startKeepAlive(secondStream);
    expect(vi.getTimerCount()).toBe(1);

    vi.advanceTimersByTime(14_999);
    expect(first).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(first).toEqual([": keep-alive\r\n\r\n"]);
    expect(second).toEqual(first);

    stopKeepAlive(firstStream);
    vi.advanceTimersByTime(15_000);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(2);

    stopKeepAlive(secondStream);
    expect(vi.getTimerCount()).toBe(0);
  });
});
