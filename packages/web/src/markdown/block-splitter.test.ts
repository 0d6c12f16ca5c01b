import Markdown from "react-markdown";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test, vi } from "vitest";
import { createBlockSplitter } from "./block-splitter.js";
import { markdownSyntax } from "./markdown-syntax.js";
import { startsTopLevelBlock } from "./starts-top-level-block.js";

const sources = (text: string) =>
  createBlockSplitter()
    .split(text)
    .map((block) => block.source);

/** A reply that exercises every construct that may hide a blank line. */
const reply = [
  "# Title",
  "",
  "Intro with **bold** and a [link](https://example.com).",
  "",
  "- one",
  "",
  "- two, loose",
  "",
  "  still item two",
  "- three",
  "",
  "```python",
  "def f():",
  "",
  "    return 1",
  "",
  "print(f())",
  "```",
  "",
  "$$",
  "a",
  "",
  "b",
  "$$",
  "",
  "<pre>",
  "",
  "not a paragraph",
  "",
  "</pre>",
  "",
  "| a | b |",
  "| - | - |",
  "| 1 | 2 |",
  "",
  "> quoted",
  "",
  "1. first",
  "",
  "2. second",
  "",
  "    indented code",
  "",
  "    more code",
  "",
  "Done.",
  "",
].join("\n");

const renderWhole = (markdown: string) =>
  renderToStaticMarkup(createElement(Markdown, { remarkPlugins: markdownSyntax }, markdown));
// The whole render has newlines between sibling blocks; separate renders do not.
const withoutBlockWhitespace = (html: string) => html.replace(/\n*(<[^>]+>)\n*/g, "$1");

describe("createBlockSplitter", () => {
  test("cuts at blank lines between top-level blocks, and the blocks add up to the text", () => {
    expect(sources("# Title\n\nA paragraph.\n\n> quote\n")).toEqual([
      "# Title\n\n",
      "A paragraph.\n\n",
      "> quote\n",
    ]);
    expect(sources(reply).join("")).toBe(reply);
  });

  test("never cuts inside a fence, math block, HTML block, list item or indented code", () => {
    const blocks = sources(reply);
    expect(blocks).toContain("```python\ndef f():\n\n    return 1\n\nprint(f())\n```\n\n");
    expect(blocks).toContain("$$\na\n\nb\n$$\n\n");
    expect(blocks).toContain("<pre>\n\nnot a paragraph\n\n</pre>\n\n");
    expect(blocks).toContain("- one\n\n- two, loose\n\n  still item two\n- three\n\n");
    expect(blocks).toContain("1. first\n\n2. second\n\n    indented code\n\n    more code\n\n");
  });

  test.each([
    ["a reply with every construct", reply],
    // The item's fence ends with the list; the fence in column 0 then runs to the end.
    ["a fence closed by its list", "- a\n  ```\n  x\n\n```\nfoo\n\nbar\n\n```\n\nbaz\n"],
    ["HTML comments across blank lines", "<!--\n\nhidden\n\n-->\n\nshown\n"],
    ["a fence in a quote", "> ```\n> code\n\nafter\n\n> quote\n"],
    ["indented and tab-indented fences", "    ```\n\nnot code\n\n\t~~~\n\nalso not\n"],
  ])("rendering the blocks one by one is rendering the whole (%s)", (_, text) => {
    const separately = sources(text).map(renderWhole).join("");
    expect(withoutBlockWhitespace(separately)).toBe(withoutBlockWhitespace(renderWhole(text)));
  });

  test("an unterminated fence keeps everything after it in one block", () => {
    expect(sources("Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n\nmore")).toEqual([
      "Intro\n\n",
      "```js\nconst a = 1;\n\nconst b = 2;\n\nmore",
    ]);
  });

  test("a message with a link or footnote definition is one block", () => {
    const text = "See [the docs][docs].\n\nMore text.\n\n[docs]: https://example.com\n";
    expect(sources(text)).toEqual([text]);
    expect(sources("A claim.[^1]\n\nMore.\n\n[^1]: A source.\n")).toHaveLength(1);
  });

  test("records each block's longest line, and never parses a pathological one", () => {
    const long = "[".repeat(60_000);
    const startsBlock = vi.fn(startsTopLevelBlock);
    const blocks = createBlockSplitter({ startsBlock }).split(`- short\n\n${long}\n\nend\n`);
    expect(blocks.map((block) => block.longestLine)).toEqual([7, 60_000, 3]);
    // Asked once, about the list, seeing only the start of the long line; the long block is
    // plain text, so nothing asks about the split after it.
    expect(startsBlock).toHaveBeenCalledTimes(1);
    expect(startsBlock.mock.calls[0]?.[0].length).toBeLessThan(300);
  });
});

describe("streaming through createBlockSplitter", () => {
  test("every prefix splits as a fresh splitter would, and settled blocks keep their identity", () => {
    const splitter = createBlockSplitter();
    let previous: readonly { source: string }[] = [];
    for (let end = 0; end <= reply.length; end += 1) {
      const prefix = reply.slice(0, end);
      const blocks = splitter.split(prefix);
      // A fresh split per prefix is quadratic; every few prefixes is enough to compare.
      if (end % 5 === 0) expect(blocks.map((block) => block.source)).toEqual(sources(prefix));
      // All blocks but the last are settled: the same objects as in the previous update.
      for (let index = 0; index < previous.length - 1; index += 1) {
        expect(blocks[index]).toBe(previous[index]);
      }
      previous = blocks;
    }
  });

  test("a settled block never changes as text is appended", () => {
    const splitter = createBlockSplitter();
    const settled = splitter.split("para one\n\npara two\n")[0];
    expect(splitter.split("para one\n\npara two\n\n- a list")[0]).toBe(settled);
    expect(settled?.source).toBe("para one\n\n");
  });

  test("waits for a line to be complete before settling the block before it", () => {
    const splitter = createBlockSplitter();
    // "2" could still become "2. second", which would continue the list.
    expect(splitter.split("1. first\n\n2").map((block) => block.source)).toEqual(["1. first\n\n2"]);
    expect(splitter.split("1. first\n\n2. second\n").map((block) => block.source)).toEqual([
      "1. first\n\n2. second\n",
    ]);
  });

  test("text that does not extend the previous text is split from scratch", () => {
    const splitter = createBlockSplitter();
    splitter.split("first reply\n\nwith two blocks\n");
    expect(splitter.split("another\n\nreply\n").map((block) => block.source)).toEqual([
      "another\n\n",
      "reply\n",
    ]);
  });

  test("asks the parser only about plausible splits, so a stream costs linear time", () => {
    const startsBlock = vi.fn(startsTopLevelBlock);
    const splitter = createBlockSplitter({ startsBlock });
    const code = Array.from({ length: 200 }, (_, index) => `line${index}\n\n`).join("");
    const list = Array.from({ length: 200 }, (_, index) => `- item ${index}\n\n`).join("");
    const text = `\`\`\`\n${code}\`\`\`\n\n${list}After.\n`;
    for (let end = 0; end <= text.length; end += 7) splitter.split(text.slice(0, end));
    splitter.split(text);
    // Only the paragraph after the list needs the parser: the fence is tracked line by line.
    expect(startsBlock).toHaveBeenCalledTimes(1);
    expect(splitter.split(text)).toHaveLength(3);
  });
});
