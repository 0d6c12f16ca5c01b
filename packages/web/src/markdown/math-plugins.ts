import "katex/dist/katex.min.css";
import rehypeKatex from "rehype-katex";
import type { PluggableList } from "unified";
import { markdownLimits } from "./markdown-limits.js";

// This module is its own chunk (KaTeX and its CSS), loaded the first time a reply has math.

interface HastNode {
  type: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
  value?: string;
}

/** Math longer than the cap stays TeX source: KaTeX's time grows with the expression. */
function leaveLongMathAsSource() {
  return (tree: HastNode) => {
    visit(tree);
  };
  function visit(node: HastNode) {
    const classes = node.properties?.className;
    if (node.tagName === "code" && Array.isArray(classes) && classes.includes("language-math")) {
      if (textLength(node) > markdownLimits.maxMathLength) {
        node.properties = { className: ["language-latex"] };
      }
      return;
    }
    node.children?.forEach(visit);
  }
}

function textLength(node: HastNode): number {
  return (
    (node.value?.length ?? 0) +
    (node.children ?? []).reduce((sum, child) => sum + textLength(child), 0)
  );
}

/**
 * The rehype plugins that typeset math. `trust: false` is the only gate that keeps `\href`,
 * `\url`, `\includegraphics` and `\html*` from emitting links, images or attributes, so KaTeX
 * updates are security updates. Errors render as KaTeX's own error text, never throw.
 */
export const mathRehypePlugins: PluggableList = [
  leaveLongMathAsSource,
  [
    rehypeKatex,
    { trust: false, strict: "ignore", throwOnError: false, maxSize: 20, maxExpand: 500 },
  ],
];
