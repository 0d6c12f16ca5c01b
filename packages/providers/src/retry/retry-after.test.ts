import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "./retry-after.js";

describe("retryAfterSeconds", () => {
  it("reads retry-after-ms first, then seconds, then an HTTP date", () => {
    expect(retryAfterSeconds(new Headers({ "retry-after-ms": "1500", "retry-after": "9" }))).toBe(
      1.5,
    );
    expect(retryAfterSeconds(new Headers({ "retry-after": "7" }))).toBe(7);
    const now = Date.parse("2026-12-06T00:00:00Z");
    const headers = new Headers({ "retry-after": "Sun, 06 Dec 2026 00:00:30 GMT" });
    expect(retryAfterSeconds(headers, () => now)).toBe(30);
  });

  it("ignores absent and unreadable values", () => {
    expect(retryAfterSeconds(new Headers())).toBeUndefined();
    expect(retryAfterSeconds(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });
});
