import { describe, expect, it } from "vitest";
import { createIdentifier, isIdentifier } from "./ids.js";

describe("identifiers", () => {
  it("mints distinct ids in Poe's format", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => createIdentifier("m")));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isIdentifier(id, "m")).toBe(true);
  });

  it("recognises the tag and rejects other shapes", () => {
    expect(isIdentifier(createIdentifier("u"), "c")).toBe(false);
    expect(isIdentifier("m-1234")).toBe(false);
    expect(isIdentifier("")).toBe(false);
  });
});
