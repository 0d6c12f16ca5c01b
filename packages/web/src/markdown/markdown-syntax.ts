import type { PluggableList } from "unified";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";

/**
 * The Markdown dialect of bot replies: CommonMark, GFM (tables, task lists, autolinks,
 * strikethrough, footnotes) and `$…$`/`$$…$$` math. The block splitter and the renderer both use
 * this list, so they always agree on where one block ends.
 */
export const markdownSyntax: PluggableList = [
  // `~` alone is too common in chat ("~5 minutes") to mean strikethrough; `~~` still does.
  [remarkGfm, { singleTilde: false }],
  remarkMath,
];
