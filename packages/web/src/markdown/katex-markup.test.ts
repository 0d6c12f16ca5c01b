import katex from "katex";
import { describe, expect, test } from "vitest";
import { katexMarkupToHast } from "./katex-markup.js";

describe("katexMarkupToHast", () => {
  test.each([
    "x^2",
    "\\frac{a}{b}",
    "\\sqrt[3]{x}",
    "\\overrightarrow{AB}",
    "\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}",
    "\\colorbox{red}{x} \\color{blue} y",
    "\\cancel{x} \\boxed{y}",
    "\\href{javascript:alert(1)}{x}",
    "\\frac{a",
  ])("reads KaTeX's own output for %j", (tex) => {
    const markup = katex.renderToString(tex, { throwOnError: false, displayMode: true });
    expect(katexMarkupToHast(markup)).toBeDefined();
  });

  test("keeps structure, unescapes text and drops attributes KaTeX needs trust for", () => {
    expect(
      katexMarkupToHast(
        '<span class="katex" href="javascript:x" onclick="x"><span style="height:1em">a &lt; b</span><path d="M0 0"/></span>',
      ),
    ).toEqual([
      {
        type: "element",
        tagName: "span",
        properties: { class: "katex" },
        children: [
          {
            type: "element",
            tagName: "span",
            properties: { style: "height:1em" },
            children: [{ type: "text", value: "a < b" }],
          },
          { type: "element", tagName: "path", properties: { d: "M0 0" }, children: [] },
        ],
      },
    ]);
  });

  test.each([
    "<script>alert(1)</script>",
    '<span><a href="https://example.com">x</a></span>',
    '<img src="x"/>',
    "<span>unclosed",
    "<span></svg>",
    "a &nbsp; b",
    "<span class=x>unquoted</span>",
  ])("refuses markup that is not KaTeX's: %j", (markup) => {
    expect(katexMarkupToHast(markup)).toBeUndefined();
  });
});
