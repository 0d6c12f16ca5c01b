import type { Kysely, Migration } from "kysely";

const text = "text" as const;

/** The first schema: accounts, bots, conversations and messages, the call log, files, costs. */
export const initialMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("users")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("email", text, (c) => c.notNull().unique())
      .addColumn("password_hash", text, (c) => c.notNull())
      .addColumn("role", text, (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("sessions")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("user_id", text, (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("api_keys")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("user_id", text, (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", text, (c) => c.notNull())
      .addColumn("prefix", text, (c) => c.notNull())
      .addColumn("key_hash", text, (c) => c.notNull().unique())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("last_used_at", "bigint")
      .addColumn("revoked_at", "bigint")
      .execute();
    await db.schema
      .createTable("bots")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("handle", text, (c) => c.notNull().unique())
      .addColumn("display_name", text, (c) => c.notNull())
      .addColumn("description", text, (c) => c.notNull())
      .addColumn("avatar_url", text)
      .addColumn("greeting", text)
      .addColumn("owner_id", text, (c) => c.notNull().references("users.id"))
      .addColumn("visibility", text, (c) => c.notNull())
      .addColumn("kind", text, (c) => c.notNull())
      .addColumn("server_url", text)
      .addColumn("access_key_encrypted", text)
      .addColumn("builtin", text)
      .addColumn("settings_json", text)
      .addColumn("settings_fetched_at", "bigint")
      .addColumn("memory_last_n", "integer")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("conversations")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("user_id", text, (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("bot_id", text, (c) => c.notNull().references("bots.id").onDelete("cascade"))
      .addColumn("title", text, (c) => c.notNull())
      .addColumn("context_id", text, (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("conversations_by_user")
      .on("conversations")
      .columns(["user_id", "updated_at"])
      .execute();
    await db.schema
      .createTable("messages")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("conversation_id", text, (c) =>
        c.notNull().references("conversations.id").onDelete("cascade"),
      )
      .addColumn("parent_id", text)
      .addColumn("role", text, (c) => c.notNull())
      .addColumn("context_id", text, (c) => c.notNull())
      .addColumn("content", text, (c) => c.notNull())
      .addColumn("content_type", text, (c) => c.notNull())
      .addColumn("status", text, (c) => c.notNull())
      .addColumn("error_text", text)
      .addColumn("suggested_replies_json", text, (c) => c.notNull())
      .addColumn("files_json", text, (c) => c.notNull())
      .addColumn("attachments_json", text, (c) => c.notNull())
      .addColumn("metadata", text)
      .addColumn("parameters_json", text, (c) => c.notNull())
      .addColumn("feedback", text)
      .addColumn("reaction", text)
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("messages_by_conversation")
      .on("messages")
      .columns(["conversation_id", "created_at"])
      .execute();
    await db.schema.createIndex("messages_by_status").on("messages").column("status").execute();
    await db.schema
      .createTable("bot_calls")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("bot_id", text, (c) => c.notNull().references("bots.id").onDelete("cascade"))
      .addColumn("message_id", text)
      .addColumn("user_id", text)
      .addColumn("request_type", text, (c) => c.notNull())
      .addColumn("started_at", "bigint", (c) => c.notNull())
      .addColumn("status", text, (c) => c.notNull())
      .addColumn("http_status", "integer")
      .addColumn("first_event_ms", "integer")
      .addColumn("duration_ms", "integer")
      .addColumn("event_count", "integer", (c) => c.notNull())
      .addColumn("error", text)
      .execute();
    await db.schema
      .createIndex("bot_calls_by_bot")
      .on("bot_calls")
      .columns(["bot_id", "started_at"])
      .execute();
    await db.schema
      .createTable("files")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("owner_id", text, (c) => c.notNull())
      .addColumn("name", text, (c) => c.notNull())
      .addColumn("content_type", text, (c) => c.notNull())
      .addColumn("size", "bigint", (c) => c.notNull())
      .addColumn("storage_key", text, (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("cost_requests")
      .addColumn("id", text, (c) => c.primaryKey())
      .addColumn("bot_query_id", text, (c) => c.notNull())
      .addColumn("message_id", text, (c) => c.notNull())
      .addColumn("bot_id", text, (c) => c.notNull())
      .addColumn("kind", text, (c) => c.notNull())
      .addColumn("amounts_json", text, (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      "cost_requests",
      "files",
      "bot_calls",
      "messages",
      "conversations",
      "bots",
      "api_keys",
      "sessions",
      "users",
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
