import type { Kysely, Selectable } from "kysely";
import type { BotCallsTable, Database } from "./schema.js";

/** One logged call to a bot. */
export type BotCallRow = Selectable<BotCallsTable>;

/** The bot call log its owners debug with. */
export function createBotCallsStore(db: Kysely<Database>) {
  return {
    async insertMany(calls: BotCallRow[]): Promise<void> {
      if (calls.length > 0) await db.insertInto("bot_calls").values(calls).execute();
    },
    listForBot(botId: string, limit = 100): Promise<BotCallRow[]> {
      return db
        .selectFrom("bot_calls")
        .selectAll()
        .where("bot_id", "=", botId)
        .orderBy("started_at", "desc")
        .limit(limit)
        .execute();
    },
    /** One call of the bot; undefined when it is another bot's, or pruned. */
    findForBot(botId: string, id: string): Promise<BotCallRow | undefined> {
      return db
        .selectFrom("bot_calls")
        .selectAll()
        .where("bot_id", "=", botId)
        .where("id", "=", id)
        .executeTakeFirst();
    },
    /** Deletes the calls started before `cutoff`, and their details with them. */
    async deleteOlderThan(cutoff: number): Promise<number> {
      const result = await db
        .deleteFrom("bot_calls")
        .where("started_at", "<", cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The bot call log part of the store. */
export type BotCallsStore = ReturnType<typeof createBotCallsStore>;
