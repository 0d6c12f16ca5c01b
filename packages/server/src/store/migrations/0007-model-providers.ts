import type { Kysely, Migration } from "kysely";

/**
 * Model vendors and OpenAI-compatible servers an admin added or edited (keys AES-GCM sealed
 * like bot access keys), and which vendor model a model bot is: `bots.model_provider` is the
 * provider's id (`openai`, `anthropic`, `gemini`, or a compatible server's name) and
 * `bots.model_id` the vendor's model id.
 */
export const modelProvidersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("model_providers")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("base_url", "text")
      .addColumn("api_key_encrypted", "text")
      .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.alterTable("bots").addColumn("model_provider", "text").execute();
    await db.schema.alterTable("bots").addColumn("model_id", "text").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("bots").dropColumn("model_id").execute();
    await db.schema.alterTable("bots").dropColumn("model_provider").execute();
    await db.schema.dropTable("model_providers").execute();
  },
};
