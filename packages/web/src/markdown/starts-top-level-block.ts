import remarkParse from "remark-parse";
import { unified } from "unified";
import { markdownSyntax } from "./markdown-syntax.js";

const parser = unified().use(remarkParse).use(markdownSyntax).freeze();

/**
 * Whether the Markdown parser starts a new top-level block exactly at `offset` of `markdown`. The
 * block splitter asks this before it settles a block, so a split never disagrees with how the
 * whole message would parse (a blank line inside a fence, an HTML block or a list is no split).
 */
export function startsTopLevelBlock(markdown: string, offset: number): boolean {
  const tree = parser.parse(markdown);
  return tree.children.some((child) => child.position?.start.offset === offset);
}
