import type { Kysely, Selectable, Updateable } from "kysely";
import { reusableQuery } from "./reusable-query.js";
import type { ConversationsTable, Database } from "./schema.js";

/** A stored conversation. */
export type ConversationRow = Selectable<ConversationsTable>;

/** Conversations, always read through their owner. */
export function createConversationsStore(db: Kysely<Database>) {
  // Every message sent and every history read looks its conversation up.
  const byId = reusableQuery(db, (id: string) =>
    db.selectFrom("conversations").selectAll().where("id", "=", id),
  );
  return {
    async insert(conversation: ConversationRow): Promise<void> {
      await db.insertInto("conversations").values(conversation).execute();
    },
    async findById(id: string): Promise<ConversationRow | undefined> {
      return (await byId(id))[0];
    },
    listForUser(userId: string, limit = 100): Promise<ConversationRow[]> {
      return db
        .selectFrom("conversations")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("updated_at", "desc")
        .limit(limit)
        .execute();
    },
    async update(id: string, changes: Updateable<ConversationsTable>): Promise<void> {
      await db.updateTable("conversations").set(changes).where("id", "=", id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom("conversations").where("id", "=", id).execute();
    },
  };
}

/** The conversations part of the store. */
export type ConversationsStore = ReturnType<typeof createConversationsStore>;
