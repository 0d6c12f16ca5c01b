const DAY_MS = 86_400_000;

/** The UTC day of a time, `YYYY-MM-DD`: what daily sums and limits are kept by. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The next UTC midnight after `time`: when a daily limit resets. */
export function nextUtcMidnight(time: number): number {
  return (Math.floor(time / DAY_MS) + 1) * DAY_MS;
}

/** The UTC day `days - 1` days before `time`'s, so `days` days end with today. */
export function firstDayOf(days: number, time: number): string {
  return utcDay(time - (days - 1) * DAY_MS);
}
