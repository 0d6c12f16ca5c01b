import type { Kysely, Selectable } from "kysely";
import type { BotAvatarsTable, Database } from "./schema.js";

/** A bot's stored avatar: the image bytes and their detected type. */
export type BotAvatarRow = Selectable<BotAvatarsTable>;

/** Bot avatars; a bot has at most one, deleted with it. */
export function createBotAvatarsStore(db: Kysely<Database>) {
  return {
    /** Stores the bot's avatar, replacing the one it had. */
    async put(avatar: BotAvatarRow): Promise<void> {
      await db
        .insertInto("bot_avatars")
        .values(avatar)
        .onConflict((conflict) =>
          conflict.column("bot_id").doUpdateSet({
            content_type: avatar.content_type,
            bytes: avatar.bytes,
            updated_at: avatar.updated_at,
          }),
        )
        .execute();
    },
    find(botId: string): Promise<BotAvatarRow | undefined> {
      return db
        .selectFrom("bot_avatars")
        .selectAll()
        .where("bot_id", "=", botId)
        .executeTakeFirst();
    },
    async delete(botId: string): Promise<void> {
      await db.deleteFrom("bot_avatars").where("bot_id", "=", botId).execute();
    },
  };
}

/** The bot avatars part of the store. */
export type BotAvatarsStore = ReturnType<typeof createBotAvatarsStore>;
