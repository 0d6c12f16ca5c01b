import { createLazyModule } from "./lazy-module.js";

/** Syntax highlighting (highlight.js and its languages), loaded at the first code block. */
export const highlighter = createLazyModule(() => import("./highlight-code.js"));

/** Math typesetting (KaTeX, its CSS and fonts), loaded at the first math expression. */
export const mathTypesetter = createLazyModule(() => import("./math-plugins.js"));

/** Loads both lazy parts now, so tests (and a page that knows it needs them) render them at once. */
export async function preloadMarkdownExtras(): Promise<void> {
  await Promise.all([highlighter.load(), mathTypesetter.load()]);
}
