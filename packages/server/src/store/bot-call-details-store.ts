import type { Kysely, Selectable } from "kysely";
import type { BotCallDetailsTable, Database } from "./schema.js";

/** What one logged call sent and received. */
export type BotCallDetailsRow = Selectable<BotCallDetailsTable>;

/** Rows per insert: details are large, and one statement of hundreds of them would be huge. */
const ROWS_PER_INSERT = 50;

/** The details of logged calls; deleted with their call (pruning, a deleted bot). */
export function createBotCallDetailsStore(db: Kysely<Database>) {
  return {
    async insertMany(details: BotCallDetailsRow[]): Promise<void> {
      for (let start = 0; start < details.length; start += ROWS_PER_INSERT) {
        const batch = details.slice(start, start + ROWS_PER_INSERT);
        await db.insertInto("bot_call_details").values(batch).execute();
      }
    },
    find(callId: string): Promise<BotCallDetailsRow | undefined> {
      return db
        .selectFrom("bot_call_details")
        .selectAll()
        .where("call_id", "=", callId)
        .executeTakeFirst();
    },
  };
}

/** The call details part of the store. */
export type BotCallDetailsStore = ReturnType<typeof createBotCallDetailsStore>;
