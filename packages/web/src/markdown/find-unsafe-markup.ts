/**
 * Test support: lists what in a rendered reply (react-dom/server markup) could run script, leave
 * the page or fetch from another origin. React's markup is well formed (every `<` in text is
 * escaped, every attribute quoted), so a tag scanner reads it exactly. KaTeX's own output (its
 * HTML spans, MathML and SVG) is allowed inside its `katex` span, as long as it carries no link,
 * handler, style URL or embedded content.
 */
export function findUnsafeMarkup(html: string): string[] {
  const findings: string[] = [];
  const open: { name: string; katex: boolean }[] = [];
  let tagCount = 0;
  for (const match of html.matchAll(tagPattern)) {
    tagCount += 1;
    const [whole, slash, rawName = "", rawAttributes = ""] = match;
    const name = rawName.toLowerCase();
    if (whole.startsWith("<!--")) continue;
    if (slash) {
      const index = open.findLastIndex((tag) => tag.name === name);
      if (index === -1) findings.push(`unbalanced </${name}>`);
      else open.length = index;
      continue;
    }
    const attributes = [...rawAttributes.matchAll(attributePattern)].map(([, key = "", value]) => ({
      key: key.toLowerCase(),
      value: decodeEntities(value ?? ""),
    }));
    const classes = attributes.find((attribute) => attribute.key === "class")?.value.split(" ");
    const inKatex = open.at(-1)?.katex ?? false;
    const katex = inKatex || (name === "span" && (classes ?? []).some(isKatexClass));
    findings.push(...checkTag(name, attributes, katex));
    if (!whole.endsWith("/>") && !voidElements.has(name)) open.push({ name, katex });
  }
  const angleBrackets = html.split("<").length - 1;
  if (angleBrackets !== tagCount) findings.push("a `<` outside any tag (unescaped text)");
  return findings;
}

const tagPattern = /<!-- -->|<(\/?)([a-zA-Z][\w:.-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g;
const attributePattern = /\s+([^\s=/>]+)(?:="([^"]*)")?/g;
const voidElements = new Set(["img", "br", "hr", "input", "meta", "link", "source", "wbr"]);
const markdownElements = new Set(
  (
    "div p h1 h2 h3 h4 h5 h6 ul ol li input table thead tbody tr th td blockquote pre code span " +
    "a img em strong del br hr sup section button"
  ).split(" "),
);
const embeddingElements = new Set(
  (
    "script iframe frame frameset object embed applet form input button textarea select style " +
    "link meta base a img image use foreignobject animate set audio video source template"
  ).split(" "),
);
const urlAttributes = new Set(
  (
    "href xlink:href src srcset action formaction poster data background srcdoc lowsrc dynsrc " +
    "ping cite longdesc usemap"
  ).split(" "),
);

/** Checks one tag; `inKatex` is true for KaTeX's span and everything in it. */
function checkTag(
  name: string,
  attributes: { key: string; value: string }[],
  inKatex: boolean,
): string[] {
  const findings: string[] = [];
  const describe = `<${name}${attributes.map(({ key, value }) => ` ${key}="${value}"`).join("")}>`;
  if (inKatex ? embeddingElements.has(name) : !markdownElements.has(name)) {
    findings.push(`element ${describe}`);
  }
  for (const { key, value } of attributes) {
    // Browsers skip whitespace and control characters in a URL's scheme.
    // eslint-disable-next-line no-control-regex
    const squeezed = value.replace(/[\s\u0000-\u001f]+/g, "").toLowerCase();
    if (key.startsWith("on")) findings.push(`handler ${describe}`);
    if (urlAttributes.has(key) && /^(?:javascript|data|vbscript):/.test(squeezed)) {
      findings.push(`script URL ${describe}`);
    }
    if (key === "href" && !/^(?:https?:\/\/|mailto:)/.test(value))
      findings.push(`href ${describe}`);
    if (key === "src" && !isPlatformPath(value)) findings.push(`off-origin src ${describe}`);
    if (["srcset", "srcdoc", "formaction", "action", "xlink:href"].includes(key)) {
      findings.push(`attribute ${describe}`);
    }
    if (key === "style" && !inKatex && !/^text-align:(?:left|right|center)$/.test(value)) {
      findings.push(`style ${describe}`);
    }
    if (key === "style" && /url\(|expression|javascript|@import/i.test(value)) {
      findings.push(`style ${describe}`);
    }
  }
  if (name === "input") {
    const type = attributes.find((attribute) => attribute.key === "type")?.value;
    const disabled = attributes.some((attribute) => attribute.key === "disabled");
    if (type !== "checkbox" || !disabled) findings.push(`input ${describe}`);
  }
  return findings;
}

function isKatexClass(name: string): boolean {
  return name === "katex" || name === "katex-display" || name === "katex-error";
}

function isPlatformPath(value: string): boolean {
  if (!/^\/(?:files|api)\//.test(value)) return false;
  const url = new URL(value, "https://page.invalid");
  return url.origin === "https://page.invalid" && url.pathname !== "/api/image-proxy";
}

function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (_, hex, decimal, name) => {
      if (hex) return String.fromCodePoint(parseInt(hex as string, 16));
      if (decimal) return String.fromCodePoint(parseInt(decimal as string, 10));
      return (
        { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[(name as string).toLowerCase()] ?? ""
      );
    },
  );
}
