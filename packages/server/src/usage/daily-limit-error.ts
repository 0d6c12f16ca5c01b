import { PlatformError } from "../errors.js";
import { nextUtcMidnight } from "./utc-day.js";

/** Which daily cap a user reached, and how much of it they used. */
export interface ReachedCap {
  kind: "messages" | "cost";
  limit: number;
  used: number;
}

/** Dollars as a person reads them: cents from a dollar up, else two significant digits. */
export function formatUsd(amount: number): string {
  return amount >= 1 || amount === 0
    ? `$${amount.toFixed(2)}`
    : `$${Number(amount.toPrecision(2))}`;
}

/**
 * A user reached a daily cap: 429 with `Retry-After` at the next UTC midnight, when it resets.
 * `/v1` answers it as OpenAI's `insufficient_quota`.
 */
export class DailyLimitError extends PlatformError {
  readonly cap: ReachedCap;
  readonly resetsAt: number;

  constructor(cap: ReachedCap, now: number) {
    const resetsAt = nextUtcMidnight(now);
    const what =
      cap.kind === "messages"
        ? `${cap.limit} messages a day (you have sent ${cap.used} today)`
        : `${formatUsd(cap.limit)} of usage a day (you have used ${formatUsd(cap.used)} today)`;
    super(
      "daily_limit_reached",
      429,
      `You have reached your daily limit of ${what}. It resets at midnight UTC (${new Date(resetsAt).toISOString()}).`,
      { headers: { "retry-after": String(Math.ceil((resetsAt - now) / 1000)) } },
    );
    this.cap = cap;
    this.resetsAt = resetsAt;
  }
}
