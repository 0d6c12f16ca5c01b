import { describe, expect, it } from "vitest";
import { randomBytes } from "./random-bytes.js";

describe("random bytes", () => {
  it("never hands out the same bytes twice, across pool refills", () => {
    const seen = new Set<string>();
    // 32 × 1000 bytes: several 4 KiB refills.
    for (let i = 0; i < 1000; i++) seen.add(Buffer.from(randomBytes(32)).toString("hex"));
    expect(seen.size).toBe(1000);
  });

  it("returns copies that later draws do not change", () => {
    const first = randomBytes(16);
    const copy = Uint8Array.from(first);
    for (let i = 0; i < 600; i++) randomBytes(16);
    expect(first).toEqual(copy);
  });

  it("serves any length, including more than the pool holds", () => {
    expect(randomBytes(1)).toHaveLength(1);
    const large = randomBytes(10_000);
    expect(large).toHaveLength(10_000);
    expect(new Set(large).size).toBeGreaterThan(200);
  });
});
