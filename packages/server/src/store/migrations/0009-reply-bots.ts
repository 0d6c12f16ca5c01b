import type { Kysely, Migration } from "kysely";

/**
 * Multi-bot conversations: the bot that wrote a reply, when a mention (`@Handle …`) sent the
 * message to another bot than the conversation's; null is the conversation's own bot. No
 * foreign key: a mentioned bot deleted later must not take other people's messages with it.
 */
export const replyBotsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("messages").addColumn("bot_id", "text").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("messages").dropColumn("bot_id").execute();
  },
};
