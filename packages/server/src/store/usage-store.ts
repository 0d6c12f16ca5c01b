import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, UsageDailyTable } from "./schema.js";

/** One user's use of one bot on one day (or the part of it still to be written). */
export type UsageDailyRow = Selectable<UsageDailyTable>;

/** Sums over some days, for one user or bot. */
export interface UsageSums {
  messages: number;
  replies: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  unpricedReplies: number;
}

const SUMMED = [
  "messages",
  "replies",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "unpriced_replies",
] as const;

/** The daily usage sums the admin page and the daily limits read. */
export function createUsageStore(db: Kysely<Database>) {
  const sums = () =>
    SUMMED.map((column) =>
      sql<number>`coalesce(sum(${sql.ref(`usage_daily.${column}`)}), 0)`.as(column),
    );
  return {
    /** Adds to each row's day, user and bot; `rows` must not repeat a key (one statement). */
    async addMany(rows: UsageDailyRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto("usage_daily")
        .values(rows)
        .onConflict((conflict) =>
          conflict
            .columns(["day", "user_id", "bot_id"])
            .doUpdateSet((eb) =>
              Object.fromEntries(
                SUMMED.map((column) => [
                  column,
                  eb(`usage_daily.${column}`, "+", eb.ref(`excluded.${column}`)),
                ]),
              ),
            ),
        )
        .execute();
    },
    /** A user's sums for one day, over every bot. */
    async forUserOn(userId: string, day: string): Promise<UsageSums> {
      const row = await db
        .selectFrom("usage_daily")
        .select(sums())
        .where("user_id", "=", userId)
        .where("day", "=", day)
        .executeTakeFirstOrThrow();
      return sumsOf(row);
    },
    /** Sums from `fromDay` on per user, with their email (null: account deleted since). */
    async perUserSince(fromDay: string) {
      const rows = await db
        .selectFrom("usage_daily")
        .leftJoin("users", "users.id", "usage_daily.user_id")
        .select(["usage_daily.user_id as id", "users.email as label", ...sums()])
        .where("usage_daily.day", ">=", fromDay)
        .groupBy(["usage_daily.user_id", "users.email"])
        .execute();
      return costliestFirst(rows);
    },
    /** Sums from `fromDay` on per bot, with its handle (null: bot deleted since). */
    async perBotSince(fromDay: string) {
      const rows = await db
        .selectFrom("usage_daily")
        .leftJoin("bots", "bots.id", "usage_daily.bot_id")
        .select(["usage_daily.bot_id as id", "bots.handle as label", ...sums()])
        .where("usage_daily.day", ">=", fromDay)
        .groupBy(["usage_daily.bot_id", "bots.handle"])
        .execute();
      return costliestFirst(rows);
    },
  };
}

/** Summed rows with their id and label, the costliest (then busiest) first. */
function costliestFirst(
  rows: Array<Record<(typeof SUMMED)[number], unknown> & { id: string; label: string | null }>,
): Array<UsageSums & { id: string; label: string | null }> {
  return rows
    .map((row) => ({ id: row.id, label: row.label, ...sumsOf(row) }))
    .sort((a, b) => b.costUsd - a.costUsd || b.replies - a.replies);
}

/** PostgreSQL sums bigints to numerics, which arrive as strings. */
function sumsOf(row: Record<(typeof SUMMED)[number], unknown>): UsageSums {
  return {
    messages: Number(row.messages),
    replies: Number(row.replies),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
    unpricedReplies: Number(row.unpriced_replies),
  };
}

/** The usage part of the store. */
export type UsageStore = ReturnType<typeof createUsageStore>;
