/** A moment as people read it, in their locale: "4 Dec 2026, 21:05". */
export const formatTime = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A duration in ms or s, or a dash when there is none. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** US dollars: cents from a dollar up, else two significant digits ("$0.0075"). */
export function formatUsd(amount: number): string {
  return amount >= 1 || amount === 0
    ? `$${amount.toFixed(2)}`
    : `$${Number(amount.toPrecision(2))}`;
}

/** A count with the locale's grouping: "12,345". */
export const formatCount = (count: number) => count.toLocaleString();
