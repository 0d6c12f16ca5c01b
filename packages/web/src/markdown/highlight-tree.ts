import { decodeEscapedHtml } from "./decode-escaped-html.js";
/** Highlighted code as a tree: text, or a span with highlight.js's class names around more. */
export type HighlightNode = string | { className: string; children: HighlightNode[] };

const token = /<span class="([\w\- ]+)">|<\/span>|[^<]+/y;

/**
 * Reads highlight.js's HTML (escaped text inside `<span class>` elements) into a tree that React
 * renders as elements, so no HTML string is ever assigned to the DOM. Anything else in the HTML
 * means it is not what highlight.js makes: the result is undefined and the code stays plain.
 */
export function parseHighlightHtml(html: string): HighlightNode[] | undefined {
  const root: HighlightNode[] = [];
  const open: HighlightNode[][] = [root];
  token.lastIndex = 0;
  while (token.lastIndex < html.length) {
    const start = token.lastIndex;
    const match = token.exec(html);
    if (!match) return undefined;
    const children = open.at(-1);
    if (!children) return undefined;
    if (match[1] !== undefined) {
      const span = { className: match[1], children: [] };
      children.push(span);
      open.push(span.children);
    } else if (match[0] === "</span>") {
      if (open.length === 1) return undefined;
      open.pop();
    } else {
      const text = decodeEscapedHtml(html.slice(start, token.lastIndex));
      if (text === undefined) return undefined;
      children.push(text);
    }
  }
  return open.length === 1 ? root : undefined;
}
