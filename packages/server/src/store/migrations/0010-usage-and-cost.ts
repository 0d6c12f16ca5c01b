import type { Kysely, Migration } from "kysely";

/**
 * Usage and cost: the tokens a reply's bot counted and what they cost (null: no known price),
 * on chat replies and on bot calls, and one row of sums per user, bot and UTC day, which the
 * admin's usage page and the daily limits read. The daily sums are kept when the call log is
 * pruned, so a month's totals stay right with a two-week call log.
 */
export const usageAndCostMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ["messages", "bot_calls"]) {
      await db.schema.alterTable(table).addColumn("input_tokens", "bigint").execute();
      await db.schema.alterTable(table).addColumn("output_tokens", "bigint").execute();
      await db.schema.alterTable(table).addColumn("cost_usd", "double precision").execute();
    }
    await db.schema
      .createTable("usage_daily")
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("bot_id", "text", (c) => c.notNull())
      .addColumn("messages", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("replies", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("input_tokens", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("output_tokens", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("cost_usd", "double precision", (c) => c.notNull().defaultTo(0))
      .addColumn("unpriced_replies", "bigint", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("usage_daily_pk", ["day", "user_id", "bot_id"])
      .execute();
    // The primary key serves per-day sums (by user or bot); a user's today serves the limits.
    await db.schema
      .createIndex("usage_daily_by_user")
      .on("usage_daily")
      .columns(["user_id", "day"])
      .execute();
    await db.schema
      .createIndex("usage_daily_by_bot")
      .on("usage_daily")
      .columns(["bot_id", "day"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("usage_daily").execute();
    for (const table of ["messages", "bot_calls"]) {
      await db.schema.alterTable(table).dropColumn("cost_usd").execute();
      await db.schema.alterTable(table).dropColumn("output_tokens").execute();
      await db.schema.alterTable(table).dropColumn("input_tokens").execute();
    }
  },
};
