import { describe, expect, test } from "vitest";
import { repairStreamingTail } from "./repair-streaming-tail.js";

describe("repairStreamingTail", () => {
  test.each([
    ["**bold te", "**bold te**"],
    ["an *ital", "an *ital*"],
    ["some `code", "some `code`"],
    ["~~gone", "~~gone~~"],
    ["- item **bo", "- item **bo**"],
  ])("closes unterminated inline syntax: %j", (tail, expected) => {
    expect(repairStreamingTail(tail)).toBe(expected);
  });

  test("leaves ordinary text alone", () => {
    for (const tail of ["2 * 3 = 6", "* item", "snake_case_name", "Price $5", "~5 minutes"]) {
      expect(repairStreamingTail(tail)).toBe(tail);
    }
  });

  test("a half-typed link shows only its text, a half-typed image nothing", () => {
    expect(repairStreamingTail("see [the docs](https://exa")).toBe("see the docs");
    expect(repairStreamingTail("look: ![a chart](https://exa")).toBe("look: ");
  });

  test("text inside an open code fence is not touched, but a half-typed closing fence is hidden", () => {
    expect(repairStreamingTail("```js\nconst a = **b")).toBe("```js\nconst a = **b");
    expect(repairStreamingTail("```js\nconst a = 1;\n``")).toBe("```js\nconst a = 1;");
    expect(repairStreamingTail("~~~~\ncode\n~~~")).toBe("~~~~\ncode");
  });

  test("a half-typed opening fence line is hidden instead of showing backticks", () => {
    expect(repairStreamingTail("Here is code:\n\n``")).toBe("Here is code:\n");
    expect(repairStreamingTail("`")).toBe("");
  });

  test("an unterminated $$ block is shown as TeX source", () => {
    expect(repairStreamingTail("$$\n\\frac{a")).toBe("```latex\n\\frac{a");
    expect(repairStreamingTail("$$\n```\n\\frac{a\n$")).toBe("````latex\n```\n\\frac{a");
    expect(repairStreamingTail("$$\nx^2\n$$\n")).toBe("$$\nx^2\n$$\n");
  });

  test("a table is a table from its complete header line on", () => {
    expect(repairStreamingTail("| Name | Age")).toBe("");
    expect(repairStreamingTail("Intro\n\n| Name | Age |\n")).toBe(
      "Intro\n\n| Name | Age |\n| --- | --- |\n",
    );
    expect(repairStreamingTail("| Name | Age |\n| --")).toBe("| Name | Age |\n| --- | --- |");
    expect(repairStreamingTail("| a \\| b | c |\n|")).toBe("| a \\| b | c |\n| --- | --- |");
    const rows = "| Name | Age |\n| --- | --- |\n| Ada | 36";
    expect(repairStreamingTail(rows)).toBe(rows);
  });

  test("a pipe in the middle of a paragraph is not a table", () => {
    expect(repairStreamingTail("first line\n| not a header")).toBe("first line\n| not a header");
  });
});
