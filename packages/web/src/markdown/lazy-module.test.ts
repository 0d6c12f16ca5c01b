import { describe, expect, test, vi } from "vitest";
import { createLazyModule } from "./lazy-module.js";

describe("createLazyModule", () => {
  test("imports once, then tells every subscriber", async () => {
    const importModule = vi.fn(() => Promise.resolve({ answer: 42 }));
    const module = createLazyModule(importModule);
    const listener = vi.fn();
    module.subscribe(listener);
    expect(module.current()).toBeUndefined();
    await Promise.all([module.load(), module.load()]);
    expect(importModule).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(module.current()).toEqual({ answer: 42 });
  });

  test("tries again after a failed import", async () => {
    const importModule = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error("chunk failed"))
      .mockResolvedValueOnce("loaded");
    const module = createLazyModule(importModule);
    await expect(module.load()).rejects.toThrow("chunk failed");
    await expect(module.load()).resolves.toBe("loaded");
  });
});
