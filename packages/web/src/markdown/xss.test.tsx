import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { xssPayloads } from "../../e2e/fixtures/xss-payloads.js";
import { findUnsafeMarkup } from "./find-unsafe-markup.js";
import { markdownRenderer, preloadLazyParts } from "./lazy-parts.js";
import { MarkdownMessage } from "./markdown-message.js";

const render = (text: string, streaming: boolean) =>
  renderToStaticMarkup(<MarkdownMessage text={text} streaming={streaming} />);

/** The payload as the chat would render it: complete, then cut as if mid-stream. */
function renderings(payload: string): { label: string; html: string }[] {
  const cuts = new Set([1, 2, 3, 5, 8, 13, 21, 34, 55, 89, payload.length - 1]);
  for (let eighth = 1; eighth < 8; eighth += 1) cuts.add(Math.floor((payload.length * eighth) / 8));
  const prefixes = [...cuts].filter((cut) => cut > 0 && cut < payload.length);
  return [
    { label: "complete", html: render(payload, false) },
    { label: "complete, still streaming", html: render(payload, true) },
    ...prefixes.map((cut) => ({
      label: `cut at ${cut}`,
      html: render(payload.slice(0, cut), true),
    })),
  ];
}

test("the corpus has at least 200 distinct payloads", () => {
  expect(new Set(xssPayloads).size).toBe(xssPayloads.length);
  expect(xssPayloads.length).toBeGreaterThanOrEqual(200);
});

test("the checker finds what it looks for", () => {
  expect(findUnsafeMarkup('<p>ok <a href="https://example.com/" rel="x">x</a></p>')).toEqual([]);
  for (const unsafe of [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)"/>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="/chat">x</a>',
    '<img src="https://evil.example/x.png"/>',
    '<img src="/api/image-proxy?url=https%3A%2F%2Fevil.example"/>',
    "<svg></svg>",
    '<span class="katex"><a href="https://example.com/">x</a></span>',
    '<span class="katex"><span style="background:url(https://evil.example/)"></span></span>',
    '<div style="color:red"></div>',
    "<p>a < b</p>",
  ]) {
    expect(findUnsafeMarkup(unsafe), unsafe).not.toEqual([]);
  }
});

describe("hostile replies, before highlighting and KaTeX load", () => {
  beforeAll(() => markdownRenderer.load());

  test.each(xssPayloads)("%j", (payload) => {
    expect(findUnsafeMarkup(render(payload, false))).toEqual([]);
    expect(findUnsafeMarkup(render(payload, true))).toEqual([]);
  });
});

describe("hostile replies, with highlighting and KaTeX", () => {
  beforeAll(preloadLazyParts);

  test.each(xssPayloads)("%j", (payload) => {
    for (const { label, html } of renderings(payload)) {
      expect(findUnsafeMarkup(html), `${label}: ${html}`).toEqual([]);
    }
  });

  test("all payloads in one reply (definitions from one apply to links in another)", () => {
    const reply = xssPayloads.join("\n\n");
    for (const cut of [reply.length / 3, reply.length / 2, reply.length].map(Math.floor)) {
      expect(findUnsafeMarkup(render(reply.slice(0, cut), cut < reply.length))).toEqual([]);
    }
  });

  test("KaTeX does render (so its output is really being checked)", () => {
    expect(render("$\\href{javascript:alert(1)}{click}$ and $x^2$", false)).toContain(
      'class="katex"',
    );
  });
});
