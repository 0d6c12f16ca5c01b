/**
 * Caps that keep hostile or huge replies from freezing the tab. The parser's inline pass is
 * superlinear on some inputs (a 25k-character line of `[` or `[a](` takes seconds), and each
 * streaming update parses the last block again, so such text renders as plain text instead.
 */
export const markdownLimits = {
  /** A block with a longer line is shown as plain text. */
  maxLineLength: 20_000,
  /** A longer block is shown as plain text. */
  maxBlockLength: 100_000,
  /** Longer code is shown without syntax highlighting. */
  maxHighlightLength: 50_000,
  /** Longer TeX is shown as source rather than typeset. */
  maxMathLength: 10_000,
  /** Longer tails are not repaired while streaming (the repair scans the tail several times). */
  maxRepairLength: 16_000,
} as const;

/** Whether a block is too big or has too long a line to be parsed as Markdown. */
export function exceedsMarkdownLimits(block: { source: string; longestLine: number }): boolean {
  return (
    block.longestLine > markdownLimits.maxLineLength ||
    block.source.length > markdownLimits.maxBlockLength
  );
}
