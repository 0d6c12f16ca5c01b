import remend, { INCOMPLETE_IMAGE_PLACEHOLDER } from "remend";
import { closesFence, opensFence, type Fence } from "./fence-lines.js";
import { markdownLimits } from "./markdown-limits.js";

const remendOptions = {
  // A half-typed link shows its text; a placeholder URL would only be dropped by safe-urls.
  linkMode: "text-only",
  // Half-typed TeX is shown as source (below), not typeset into red errors on every token.
  katex: false,
  inlineKatex: false,
  // These two change what the text means while it streams, then flip back when it ends.
  singleTilde: false,
  comparisonOperators: false,
} as const;

const partialFenceLine = /^ {0,3}(?:`{1,2}|~{1,2})$/;
const tableHeaderStart = /^ {0,3}\|/;
const partialDelimiterRow = /^ {0,3}\|?[ \t:|-]*$/;
const incompleteImage = new RegExp(
  String.raw`!\[[^\]]*\]\(${INCOMPLETE_IMAGE_PLACEHOLDER.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\)`,
  "g",
);

/**
 * Makes the last block of a reply that is still streaming render as it will once complete, so it
 * does not flicker between forms: emphasis, inline code and links are closed (streamdown's
 * `remend`), a half-typed image is left out, a table shows as a table from its header line, an
 * unterminated `$$` block shows as TeX source, and a half-typed fence line is hidden. The result
 * is rendered by the same safe pipeline as any text, so the repair is not trusted for safety.
 */
export function repairStreamingTail(tail: string): string {
  const lines = tail.split("\n");
  const open = openFenceAtEnd(lines);
  if (open) return repairInsideFence(lines, open);
  const last = lines.at(-1) ?? "";
  if (partialFenceLine.test(last)) return lines.slice(0, -1).join("\n");
  const repaired = repairTable(lines).join("\n");
  if (repaired.length > markdownLimits.maxRepairLength) return repaired;
  return remend(repaired, remendOptions).replace(incompleteImage, "");
}

interface OpenFence extends Fence {
  /** Index of the line that opened it. */
  line: number;
}

function openFenceAtEnd(lines: string[]): OpenFence | undefined {
  let open: OpenFence | undefined;
  lines.forEach((line, index) => {
    if (open) {
      if (closesFence(line, open)) open = undefined;
      return;
    }
    const fence = opensFence(line);
    if (fence) open = { ...fence, line: index };
  });
  return open;
}

function repairInsideFence(lines: string[], fence: OpenFence): string {
  const last = lines.at(-1) ?? "";
  const lastIsPartialCloser =
    lines.length - 1 > fence.line && new RegExp(`^ {0,3}\\${fence.marker}+$`).test(last);
  const kept = lastIsPartialCloser ? lines.slice(0, -1) : lines;
  if (fence.marker !== "$") return kept.join("\n");
  // Unterminated math becomes a TeX code block until its closing `$$` arrives.
  const body = kept.slice(fence.line + 1);
  const longestRun = Math.max(2, ...body.map((line) => /^ *(`*)/.exec(line)?.[1]?.length ?? 0));
  const opener = "`".repeat(longestRun + 1) + "latex";
  return [...kept.slice(0, fence.line), opener, ...body].join("\n");
}

/**
 * A table's header arrives before the delimiter row that makes it a table. A complete header
 * line gets a delimiter row with as many cells; a half-typed header line waits.
 */
function repairTable(lines: string[]): string[] {
  const count = lines.length;
  const last = lines[count - 1] ?? "";
  const beforeLast = lines[count - 2];
  const startsParagraph = (index: number) => index === 0 || (lines[index - 1] ?? "").trim() === "";
  if (last !== "" && tableHeaderStart.test(last) && startsParagraph(count - 1)) {
    return lines.slice(0, -1);
  }
  if (last === "" && beforeLast !== undefined && isHeader(beforeLast, count - 2)) {
    return [...lines.slice(0, -1), delimiterRow(beforeLast), ""];
  }
  if (
    beforeLast !== undefined &&
    isHeader(beforeLast, count - 2) &&
    partialDelimiterRow.test(last)
  ) {
    return [...lines.slice(0, -1), delimiterRow(beforeLast)];
  }
  return lines;

  function isHeader(line: string, index: number): boolean {
    return tableHeaderStart.test(line) && startsParagraph(index);
  }
}

function delimiterRow(header: string): string {
  const cells = header.trim().split(/(?<!\\)\|/);
  if (cells[0]?.trim() === "") cells.shift();
  if (cells.length > 1 && cells.at(-1)?.trim() === "") cells.pop();
  return `|${" --- |".repeat(Math.max(1, cells.length))}`;
}
