import katex, { type KatexOptions } from "katex";
import "katex/dist/katex.min.css";
import type { PluggableList } from "unified";
import { katexMarkupToHast, type MathHast } from "./katex-markup.js";
import { markdownLimits } from "./markdown-limits.js";

// This module is its own chunk (KaTeX and its CSS), loaded the first time a reply has math.

/**
 * `trust: false` is the only gate that keeps `\href`, `\url`, `\includegraphics` and `\html*`
 * from emitting links, images or attributes, so KaTeX updates are security updates. Errors
 * render as KaTeX's own error text and never throw; size and macro expansion are capped.
 */
const katexOptions: KatexOptions = {
  trust: false,
  strict: "ignore",
  throwOnError: false,
  maxSize: 20,
  maxExpand: 500,
  output: "htmlAndMathml",
};

interface HastParent {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastParent[];
  value?: string;
}

/**
 * Typesets the math that remark-math marked (`code.language-math`, inside `pre` for display
 * math), replacing it with KaTeX's output as hast. Math over the length cap, or that KaTeX
 * cannot render, stays as TeX source.
 */
function rehypeMath() {
  return (tree: HastParent) => {
    visit(tree);
  };
}

function visit(parent: HastParent) {
  const children = parent.children ?? [];
  children.forEach((child, index) => {
    const math = mathIn(child);
    if (!math) {
      visit(child);
      return;
    }
    const tex = textOf(math.code);
    if (tex.length > markdownLimits.maxMathLength) return;
    const typeset = typesetMath(tex, math.display);
    if (typeset) children[index] = typeset;
  });
}

/** The math code element `node` is (inline) or holds (display), if any. */
function mathIn(node: HastParent): { code: HastParent; display: boolean } | undefined {
  const isMathCode = (candidate: HastParent | undefined) =>
    candidate?.tagName === "code" && classList(candidate).includes("language-math");
  if (isMathCode(node)) return { code: node, display: classList(node).includes("math-display") };
  const only = node.tagName === "pre" ? node.children?.[0] : undefined;
  return only && isMathCode(only) ? { code: only, display: true } : undefined;
}

function typesetMath(tex: string, display: boolean): MathHast | undefined {
  try {
    const markup = katex.renderToString(tex, { ...katexOptions, displayMode: display });
    const children = katexMarkupToHast(markup);
    if (!children) return undefined;
    if (!display && children.length === 1) return children[0];
    if (!display) return { type: "element", tagName: "span", properties: {}, children };
    return { type: "element", tagName: "div", properties: { class: "md-math" }, children };
  } catch {
    return undefined;
  }
}

function classList(node: HastParent): string[] {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function textOf(node: HastParent): string {
  return node.value ?? (node.children ?? []).map(textOf).join("");
}

/** The rehype plugins that typeset math. */
export const mathRehypePlugins: PluggableList = [rehypeMath];
