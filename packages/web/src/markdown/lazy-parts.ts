import { createLazyModule } from "./lazy-module.js";

// Each part is its own chunk, so the first bundle carries none of them.

/** The Markdown renderer itself (react-markdown, the splitter, GFM and math syntax). */
export const markdownRenderer = createLazyModule(() => import("./markdown-blocks.js"));

/** Syntax highlighting (highlight.js and its languages), loaded at the first code block. */
export const highlighter = createLazyModule(() => import("./highlight-code.js"));

/** Math typesetting (KaTeX, its CSS and fonts), loaded at the first math expression. */
export const mathTypesetter = createLazyModule(() => import("./math-plugins.js"));

/** Loads every lazy part now, so tests (and pages that know they need them) render them at once. */
export async function preloadLazyParts(): Promise<void> {
  await Promise.all([markdownRenderer.load(), highlighter.load(), mathTypesetter.load()]);
}
