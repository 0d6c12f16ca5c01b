import { describe, expect, it } from "vitest";
import { createIdentifier, identifierFromBytes, isIdentifier } from "./ids.js";

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

  it("spells the same id for the same 32 bytes, and refuses another length", () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const id = identifierFromBytes("u", bytes);
    expect(isIdentifier(id, "u")).toBe(true);
    expect(identifierFromBytes("u", Uint8Array.from(bytes))).toBe(id);
    expect(() => identifierFromBytes("u", bytes.subarray(1))).toThrow(/32 bytes/);
  });
});
