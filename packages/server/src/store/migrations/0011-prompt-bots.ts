import type { Kysely, Migration } from "kysely";

/**
 * Prompt bots: a creator's prompt over another bot. `prompt_base_bot_id` is the bot it calls (no
 * foreign key: deleting the base bot must not delete other people's bots; calling one whose
 * base is gone says so), `prompt_text` the system prompt with its `{{variables}}`,
 * `prompt_temperature` the creator's temperature (null: the base bot's default) and
 * `prompt_suggest_replies` 1 when the platform suggests follow-ups after each reply.
 */
export const promptBotsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("bots").addColumn("prompt_base_bot_id", "text").execute();
    await db.schema.alterTable("bots").addColumn("prompt_text", "text").execute();
    await db.schema.alterTable("bots").addColumn("prompt_temperature", "real").execute();
    await db.schema.alterTable("bots").addColumn("prompt_suggest_replies", "integer").execute();
  },
  async down(db: Kysely<unknown>) {
    for (const column of [
      "prompt_suggest_replies",
      "prompt_temperature",
      "prompt_text",
      "prompt_base_bot_id",
    ]) {
      await db.schema.alterTable("bots").dropColumn(column).execute();
    }
  },
};
