import { decodeEscapedHtml } from "./decode-escaped-html.js";
/** The subset of hast that KaTeX's output becomes. */
export type MathHast =
  | { type: "text"; value: string }
  | {
      type: "element";
      tagName: string;
      properties: Record<string, string>;
      children: MathHast[];
    };

const tagPattern = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z][\w:-]*\s*=\s*"[^"]*")*)\s*(\/?)>|[^<]+/y;
const attributePattern = /([a-zA-Z][\w:-]*)\s*=\s*"([^"]*)"/g;
const htmlElements = ["span", "svg", "path", "line"];
const mathmlElements = (
  "math annotation semantics mtext mn mo mi mspace mover munder munderover msup msub msubsup " +
  "mfrac mroot msqrt mtable mtr mtd mlabeledtr mrow menclose mstyle mpadded mphantom mglyph"
).split(" ");
const allowedElements = new Set([...htmlElements, ...mathmlElements]);
// What KaTeX writes with `trust: false`; links, ids, data and images need trust and are absent.
const allowedAttributes = new Set(
  (
    "class style aria-hidden title xmlns width height viewBox preserveAspectRatio d x1 x2 y1 y2 " +
    "stroke-width encoding mathvariant mathcolor mathbackground mathsize stretchy fence separator " +
    "lspace rspace accent accentunder columnalign columnspacing columnlines rowspacing rowlines " +
    "rowalign displaystyle scriptlevel linethickness minsize maxsize largeop symmetric " +
    "movablelimits form notation voffset depth valign display linebreak"
  ).split(" "),
);

/**
 * Reads KaTeX's HTML into hast without a DOM. Browsers check every `style` attribute they parse
 * against the CSP (KaTeX writes hundreds), while React sets styles through the CSSOM, which the
 * policy allows; rehype-katex parses with the DOM, so we do not use it. Only the elements and
 * attributes KaTeX writes without `trust` are kept; markup that is not KaTeX's well-formed
 * output gives undefined, and the caller shows the TeX source instead.
 */
export function katexMarkupToHast(markup: string): MathHast[] | undefined {
  const root: MathHast[] = [];
  const open: { tagName: string; children: MathHast[] }[] = [{ tagName: "", children: root }];
  tagPattern.lastIndex = 0;
  while (tagPattern.lastIndex < markup.length) {
    const match = tagPattern.exec(markup);
    const parent = open.at(-1);
    if (!match || !parent) return undefined;
    const [whole, closing, tagName = "", attributes = "", selfClosing] = match;
    if (!whole.startsWith("<")) {
      const value = decodeEscapedHtml(whole);
      if (value === undefined) return undefined;
      parent.children.push({ type: "text", value });
      continue;
    }
    if (!allowedElements.has(tagName)) return undefined;
    if (closing) {
      if (parent.tagName !== tagName) return undefined;
      open.pop();
      continue;
    }
    const properties = readAttributes(attributes);
    if (!properties) return undefined;
    const element = { type: "element" as const, tagName, properties, children: [] };
    parent.children.push(element);
    if (!selfClosing) open.push(element);
  }
  return open.length === 1 ? root : undefined;
}

function readAttributes(source: string): Record<string, string> | undefined {
  const properties: Record<string, string> = {};
  for (const [, name = "", rawValue = ""] of source.matchAll(attributePattern)) {
    const value = decodeEscapedHtml(rawValue);
    if (value === undefined) return undefined;
    if (allowedAttributes.has(name)) properties[name] = value;
  }
  return properties;
}
