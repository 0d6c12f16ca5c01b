import { PostgresAdapter, type Kysely, type Migration } from "kysely";

/**
 * Bot avatars stored by the platform (bytes in their own table, so reading a bot never loads
 * them; the bot row keeps the version its URL carries), and the call log's details: two columns
 * on each call, and the request and events of each call in a table of their own.
 */
export const avatarsAndCallDetailsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
    await db.schema.alterTable("bots").addColumn("avatar_version", "bigint").execute();
    await db.schema
      .createTable("bot_avatars")
      .addColumn("bot_id", "text", (c) => c.primaryKey().references("bots.id").onDelete("cascade"))
      .addColumn("content_type", "text", (c) => c.notNull())
      .addColumn("bytes", bytes, (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable("bot_calls")
      .addColumn("malformed_count", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable("bot_calls")
      .addColumn("timed_out", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable("bot_call_details")
      .addColumn("call_id", "text", (c) =>
        c.primaryKey().references("bot_calls.id").onDelete("cascade"),
      )
      .addColumn("request_json", "text", (c) => c.notNull())
      .addColumn("request_truncated", "integer", (c) => c.notNull())
      .addColumn("events_json", "text", (c) => c.notNull())
      .addColumn("events_truncated", "integer", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("bot_call_details").execute();
    await db.schema.alterTable("bot_calls").dropColumn("timed_out").execute();
    await db.schema.alterTable("bot_calls").dropColumn("malformed_count").execute();
    await db.schema.dropTable("bot_avatars").execute();
    await db.schema.alterTable("bots").dropColumn("avatar_version").execute();
  },
};
