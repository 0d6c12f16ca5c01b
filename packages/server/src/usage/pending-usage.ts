import type { UsageColumns } from "./usage-columns.js";
import type { UsageDailyRow, UsageSums } from "../store/usage-store.js";

/**
 * Usage the call log has recorded and not written yet, summed by day, user and bot, so one
 * batch adds one row per key, and a limit check sees the replies of the last seconds too.
 */
export class PendingUsage {
  #rows = new Map<string, UsageDailyRow>();
  /** Taken for a write that has not finished: still counted, or a check could miss them. */
  #writing: UsageDailyRow[] = [];

  add(
    key: { day: string; userId: string; botId: string },
    reply: { message: boolean; usage: UsageColumns },
  ): void {
    const id = `${key.day}\u0000${key.userId}\u0000${key.botId}`;
    let row = this.#rows.get(id);
    if (!row) {
      row = {
        day: key.day,
        user_id: key.userId,
        bot_id: key.botId,
        messages: 0,
        replies: 0,
        input_tokens: 0,
        output_tokens: 0,
        cost_usd: 0,
        unpriced_replies: 0,
      };
      this.#rows.set(id, row);
    }
    row.messages += reply.message ? 1 : 0;
    row.replies += 1;
    const { input_tokens, output_tokens, cost_usd } = reply.usage;
    if (input_tokens === null || output_tokens === null) return;
    row.input_tokens += input_tokens;
    row.output_tokens += output_tokens;
    if (cost_usd === null) row.unpriced_replies += 1;
    else row.cost_usd += cost_usd;
  }

  /** The rows so far, for one write; they count until {@link written} says it ended. */
  take(): UsageDailyRow[] {
    const rows = [...this.#rows.values()];
    this.#rows = new Map();
    this.#writing = this.#writing.concat(rows);
    return rows;
  }

  /** The write of `rows` ended (stored, or lost and logged). */
  written(rows: UsageDailyRow[]): void {
    const done = new Set(rows);
    this.#writing = this.#writing.filter((row) => !done.has(row));
  }

  /** A user's pending sums for one day, over every bot. */
  forUserOn(userId: string, day: string): UsageSums {
    const sums = {
      messages: 0,
      replies: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      unpricedReplies: 0,
    };
    for (const row of [...this.#rows.values(), ...this.#writing]) {
      if (row.user_id !== userId || row.day !== day) continue;
      sums.messages += row.messages;
      sums.replies += row.replies;
      sums.inputTokens += row.input_tokens;
      sums.outputTokens += row.output_tokens;
      sums.costUsd += row.cost_usd;
      sums.unpricedReplies += row.unpriced_replies;
    }
    return sums;
  }
}
