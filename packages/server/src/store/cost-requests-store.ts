import type { Kysely, Selectable } from "kysely";
import type { CostRequestsTable, Database } from "./schema.js";

/** One authorize or capture a bot sent through the monetization API. */
export type CostRequestRow = Selectable<CostRequestsTable>;

/** Cost requests, kept for the bot's owner and for billing. */
export function createCostRequestsStore(db: Kysely<Database>) {
  return {
    async insert(row: CostRequestRow): Promise<void> {
      await db.insertInto("cost_requests").values(row).execute();
    },
    listForMessage(messageId: string): Promise<CostRequestRow[]> {
      return db
        .selectFrom("cost_requests")
        .selectAll()
        .where("message_id", "=", messageId)
        .orderBy("created_at")
        .execute();
    },
    listForBot(botId: string, limit = 100): Promise<CostRequestRow[]> {
      return db
        .selectFrom("cost_requests")
        .selectAll()
        .where("bot_id", "=", botId)
        .orderBy("created_at", "desc")
        .limit(limit)
        .execute();
    },
  };
}

/** The cost requests part of the store. */
export type CostRequestsStore = ReturnType<typeof createCostRequestsStore>;
