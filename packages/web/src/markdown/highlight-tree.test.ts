import { describe, expect, test } from "vitest";
import { parseHighlightHtml } from "./highlight-tree.js";

describe("parseHighlightHtml", () => {
  test("reads highlight.js spans and unescapes their text", () => {
    expect(
      parseHighlightHtml(
        '<span class="hljs-keyword">if</span> (a &lt; b &amp;&amp; c) <span class="hljs-title function_">f</span>(&quot;&#x27;&quot;)',
      ),
    ).toEqual([
      { className: "hljs-keyword", children: ["if"] },
      " (a < b && c) ",
      { className: "hljs-title function_", children: ["f"] },
      `("'")`,
    ]);
    expect(
      parseHighlightHtml('<span class="language-xml"><span class="hljs-tag">x</span></span>'),
    ).toEqual([
      { className: "language-xml", children: [{ className: "hljs-tag", children: ["x"] }] },
    ]);
  });

  test.each([
    "<img src=x onerror=alert(1)>",
    '<span class="a" onclick="x">y</span>',
    '<span class="a">unclosed',
    "</span>",
    "a &nbsp; b",
    "<script>alert(1)</script>",
  ])("refuses anything highlight.js does not make: %j", (html) => {
    expect(parseHighlightHtml(html)).toBeUndefined();
  });
});
