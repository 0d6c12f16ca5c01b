import { describe, expect, it } from "vitest";
import { replaceLoneSurrogateEscapes } from "./replace-lone-surrogates.js";

/** What a JSON text reads as, after the replacement. */
const parsedAfter = (value: string) =>
  JSON.parse(replaceLoneSurrogateEscapes(JSON.stringify(value))) as string;

describe("replaceLoneSurrogateEscapes", () => {
  it.each([
    ["a\ud83db", "a\uFFFDb"],
    ["a\ude00b", "a\uFFFDb"],
    ["\ude00\ud83d", "\uFFFD\uFFFD"],
    ["\ud83d\ud83d\ude00", "\uFFFD😀"],
    ["end\ud83d", "end\uFFFD"],
  ])("writes the lone surrogates of %j as U+FFFD", (given, expected) => {
    expect(parsedAfter(given)).toBe(expected);
  });

  it("keeps pairs, escaped or not, and literal backslashes", () => {
    expect(replaceLoneSurrogateEscapes('"\\ud83d\\ude00"')).toBe('"\\ud83d\\ude00"');
    expect(parsedAfter("😀 fine")).toBe("😀 fine");
    expect(replaceLoneSurrogateEscapes('"\\\\ud83d"')).toBe('"\\\\ud83d"');
    expect(replaceLoneSurrogateEscapes('"\\\\\\ud83d"')).toBe('"\\\\\\ufffd"');
  });
});
