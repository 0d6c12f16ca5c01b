/** An open code fence (``` or ~~~) or math fence ($$), as the line scanners track it. */
export interface Fence {
  /** "`", "~" or "$". */
  marker: string;
  length: number;
}

const fenceLine = /^ {0,3}(`{3,}|~{3,}|\${2,})(.*)$/;

/** The fence a line opens, if it is an opening fence line at the top level. */
export function opensFence(line: string): Fence | undefined {
  const match = fenceLine.exec(line);
  if (!match) return undefined;
  const sequence = match[1] ?? "";
  const marker = sequence.charAt(0);
  // A backtick fence's info string cannot contain backticks, nor a math fence's a dollar:
  // "``` x ```" and "$$x$$" are inline code and inline math.
  if ((marker === "`" || marker === "$") && (match[2] ?? "").includes(marker)) return undefined;
  return { marker, length: sequence.length };
}

/** Whether a line closes `fence`: the same marker, at least as long, nothing after it. */
export function closesFence(line: string, fence: Fence): boolean {
  const match = fenceLine.exec(line);
  const sequence = match?.[1] ?? "";
  return (
    sequence.charAt(0) === fence.marker &&
    sequence.length >= fence.length &&
    (match?.[2] ?? "").trim() === ""
  );
}
