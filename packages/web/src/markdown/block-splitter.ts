import { closesFence, opensFence, type Fence } from "./fence-lines.js";
import { exceedsMarkdownLimits } from "./markdown-limits.js";
import { startsTopLevelBlock } from "./starts-top-level-block.js";

/** One top-level piece of a message, rendered (and memoised) on its own. */
export interface MarkdownBlockSource {
  /** The block's Markdown, from its first line to the next block's (trailing blank lines included). */
  readonly source: string;
  /** Length of the block's longest line: a pathological line is rendered as plain text. */
  readonly longestLine: number;
}

/** Splits a growing message into blocks, remembering what it settled last time. */
export interface BlockSplitter {
  /**
   * The blocks of `text`. When `text` extends the previous call's text, settled blocks are the
   * very same objects as before (so memoised renders are kept) and only the tail is scanned;
   * otherwise it starts over. The result never depends on earlier calls, only on `text`.
   */
  split(text: string): readonly MarkdownBlockSource[];
}

/** Options for tests; production uses the real Markdown parser. */
export interface BlockSplitterOptions {
  /** Confirms that a candidate split really starts a top-level block (see startsTopLevelBlock). */
  startsBlock?: (markdown: string, offset: number) => boolean;
}

interface SplitState {
  text: string;
  blocks: readonly MarkdownBlockSource[];
  settled: MarkdownBlockSource[];
  /** Where the unsettled tail (the last block) begins. */
  tailStart: number;
  /** Start of the first line not scanned yet (the last, partial line is scanned again). */
  nextLine: number;
  tailLongestLine: number;
  longestLine: number;
  fence: Fence | undefined;
  /** The tail has a list item: a fence or HTML inside it may end with the list, unseen here. */
  inList: boolean;
  /** The tail has a line starting with `<`: some HTML blocks run across blank lines. */
  sawHtml: boolean;
  previousBlank: boolean;
  hasDefinitions: boolean;
}

const listItemLine = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
// Link reference and footnote definitions apply to the whole message, whichever block they are in.
const definitionLine = /^[ \t]*(?:>[ \t]*)*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?\[[^\]]+\]:/;
const blankLine = /^[ \t\r]*$/;
/** How much of a candidate line the parser sees when confirming a split. */
const lineCheckLength = 256;

/**
 * Creates a splitter that cuts a message into top-level Markdown blocks at blank lines.
 *
 * Per update it compares the new text with the old one (one memcmp-speed `startsWith`) and scans
 * only the lines after the start of the tail block, so a whole stream costs O(length) in total
 * plus one parse of a block each time a split is confirmed. A cheap line scan proposes a split
 * (a blank line, then a complete line starting in column 0, outside a fence or a list); the real
 * parser confirms it. Messages with link or footnote definitions are one block, because a
 * definition changes how other blocks render.
 */
export function createBlockSplitter(options: BlockSplitterOptions = {}): BlockSplitter {
  const startsBlock = options.startsBlock ?? startsTopLevelBlock;
  let state = emptyState();

  return {
    split(text) {
      if (text === state.text) return state.blocks;
      if (!text.startsWith(state.text)) state = emptyState();
      state.text = text;
      scanLines(state, startsBlock);
      state.blocks = currentBlocks(state);
      return state.blocks;
    },
  };
}

function emptyState(): SplitState {
  return {
    text: "",
    blocks: [],
    settled: [],
    tailStart: 0,
    nextLine: 0,
    tailLongestLine: 0,
    longestLine: 0,
    fence: undefined,
    inList: false,
    sawHtml: false,
    previousBlank: false,
    hasDefinitions: false,
  };
}

function scanLines(state: SplitState, startsBlock: (markdown: string, offset: number) => boolean) {
  const { text } = state;
  let lineStart = state.nextLine;
  for (let newline = text.indexOf("\n", lineStart); newline !== -1;) {
    const line = text.slice(lineStart, newline);
    if (
      state.previousBlank &&
      state.fence === undefined &&
      lineStart > state.tailStart &&
      !/^\s/.test(line) &&
      !(state.inList && listItemLine.test(line)) &&
      confirmsSplit(state, lineStart, newline, startsBlock)
    ) {
      state.settled.push({
        source: text.slice(state.tailStart, lineStart),
        longestLine: state.tailLongestLine,
      });
      state.tailStart = lineStart;
      state.tailLongestLine = 0;
      state.inList = false;
      state.sawHtml = false;
    }
    scanLine(state, line);
    lineStart = newline + 1;
    newline = text.indexOf("\n", lineStart);
  }
  state.nextLine = lineStart;
}

/**
 * Whether the line at `lineStart` (after a blank line, in column 0, outside a fence) starts a
 * block. Only an open top-level fence, math block or HTML block of the kinds that run across
 * blank lines could keep it inside the tail. Without list items or HTML lines in the tail, the
 * line scanner tracks fences exactly and the answer is yes; otherwise the parser decides. A tail
 * that renders as plain text is never parsed: that is the cost the limits exist to avoid.
 */
function confirmsSplit(
  state: SplitState,
  lineStart: number,
  newline: number,
  startsBlock: (markdown: string, offset: number) => boolean,
): boolean {
  const tail = {
    source: state.text.slice(state.tailStart, lineStart),
    longestLine: state.tailLongestLine,
  };
  if (exceedsMarkdownLimits(tail) || (!state.inList && !state.sawHtml)) return true;
  // The line's start decides whether it begins a block; a cut-off rest can only make the parser
  // say no (an HTML block's end marker may lie beyond the cut), so the check stays safe and cheap.
  const line = state.text.slice(lineStart, Math.min(newline, lineStart + lineCheckLength));
  return startsBlock(`${tail.source}${line}\n`, tail.source.length);
}

function scanLine(state: SplitState, line: string) {
  state.tailLongestLine = Math.max(state.tailLongestLine, line.length);
  state.longestLine = Math.max(state.longestLine, line.length);
  state.previousBlank = blankLine.test(line);
  if (state.previousBlank) return;
  if (definitionLine.test(line)) state.hasDefinitions = true;
  if (state.fence) {
    if (closesFence(line, state.fence)) state.fence = undefined;
    return;
  }
  state.fence = opensFence(line);
  if (listItemLine.test(line)) state.inList = true;
  if (/^\s*</.test(line)) state.sawHtml = true;
}

function currentBlocks(state: SplitState): readonly MarkdownBlockSource[] {
  const partialLine = state.text.length - state.nextLine;
  if (state.hasDefinitions) {
    return [{ source: state.text, longestLine: Math.max(state.longestLine, partialLine) }];
  }
  const tail = {
    source: state.text.slice(state.tailStart),
    longestLine: Math.max(state.tailLongestLine, partialLine),
  };
  return tail.source === "" ? [...state.settled] : [...state.settled, tail];
}
