/** A time limit as a user reads it: "300 ms", "1.5 seconds", "5 seconds", "10 minutes". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${milliseconds} ms`;
  if (milliseconds % 60_000 !== 0) return countOf(milliseconds / 1000, "second");
  return countOf(milliseconds / 60_000, "minute");
}

function countOf(amount: number, unit: string): string {
  const rounded = Math.round(amount * 10) / 10;
  return `${rounded} ${unit}${rounded === 1 ? "" : "s"}`;
}
