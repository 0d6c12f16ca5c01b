import { describe, expect, it } from "vitest";
import { ShortLivedCache } from "./short-lived-cache.js";

describe("the store's short-lived cache", () => {
  it("serves a read for its lifetime, then reads again", async () => {
    let now = 0;
    let reads = 0;
    const cache = new ShortLivedCache<{ n: number }>(1000, 10, () => now);
    const load = () => cache.load("k", async () => ({ n: ++reads }));
    expect(await load()).toEqual({ n: 1 });
    now = 999;
    expect(await load()).toEqual({ n: 1 });
    now = 1000;
    expect(await load()).toEqual({ n: 2 });
  });

  it("keeps nothing for a read that found nothing", async () => {
    let found: { n: number } | undefined = undefined;
    const cache = new ShortLivedCache<{ n: number }>();
    expect(await cache.load("k", async () => found)).toBeUndefined();
    found = { n: 1 };
    expect(await cache.load("k", async () => found)).toEqual({ n: 1 });
  });

  it("drops everything on clear, even what a read under way was about to keep", async () => {
    let value = "old";
    const cache = new ShortLivedCache<{ value: string }>();
    let finishRead = () => {};
    const slowRead = cache.load("k", async () => {
      const read = { value };
      await new Promise<void>((resolve) => (finishRead = resolve));
      return read;
    });
    value = "new";
    cache.clear(); // a write happened while the read was under way
    finishRead();
    expect(await slowRead).toEqual({ value: "old" });
    expect(await cache.load("k", async () => ({ value }))).toEqual({ value: "new" });
  });

  it("does not let one caller change what the next one gets", async () => {
    const cache = new ShortLivedCache<{ n: number }>();
    const load = () => cache.load("k", async () => ({ n: 1 }));
    const first = (await load())!;
    expect(() => (first.n = 2)).toThrow(TypeError);
    expect(await load()).toEqual({ n: 1 });
  });
});
