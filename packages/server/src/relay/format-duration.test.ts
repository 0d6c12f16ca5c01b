import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration.js";

describe("formatDuration", () => {
  it.each([
    [300, "300 ms"],
    [1000, "1 second"],
    [1200, "1.2 seconds"],
    [5000, "5 seconds"],
    [30_000, "30 seconds"],
    [90_000, "90 seconds"],
    [60_000, "1 minute"],
    [600_000, "10 minutes"],
  ])("reads %i ms as %s", (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });
});
