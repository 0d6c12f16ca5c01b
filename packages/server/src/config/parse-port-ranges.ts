/** An inclusive range of TCP ports; a single port is a range of one. */
export interface PortRange {
  from: number;
  to: number;
}

/**
 * Parses `443,8000-8999` into ranges; undefined for an empty list (any port). Returns a
 * plain-sentence problem instead of throwing, so the config error can list it with the others.
 */
export function parsePortRanges(text: string): PortRange[] | string | undefined {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const ranges: PortRange[] = [];
  for (const entry of entries) {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(entry);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || from < 1 || to > 65535 || from > to) {
      return `"${entry}" is not a port (1-65535) or a range of ports such as 8000-8999`;
    }
    ranges.push({ from, to });
  }
  return ranges;
}

/** Whether the port is in one of the ranges; every port is when there are none. */
export function isPortInRanges(port: number, ranges: readonly PortRange[] | undefined): boolean {
  return ranges === undefined || ranges.some((range) => port >= range.from && port <= range.to);
}

/** The ranges as an operator writes them: `443,8000-8999`. */
export function formatPortRanges(ranges: readonly PortRange[]): string {
  return ranges
    .map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`))
    .join(",");
}
