import { describe, expect, it } from "vitest";
import { generateAccessKey } from "./generate-access-key.js";

describe("generateAccessKey", () => {
  it("makes 32 letters and digits, as Poe's keys are", () => {
    for (let index = 0; index < 100; index++) {
      expect(generateAccessKey()).toMatch(/^[A-Za-z0-9]{32}$/);
    }
  });

  it("never repeats itself and uses the whole alphabet", () => {
    const keys = Array.from({ length: 1000 }, () => generateAccessKey());
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys.join("")).size).toBe(62);
  });
});
