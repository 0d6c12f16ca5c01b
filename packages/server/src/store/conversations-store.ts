import type { Kysely, Selectable, Updateable } from "kysely";
import { containsText } from "./contains-text.js";
import { readPage, type Page, type PageRequest } from "./list-page.js";
import { reusableQuery } from "./reusable-query.js";
import type { ConversationsTable, Database } from "./schema.js";

/** A stored conversation. */
export type ConversationRow = Selectable<ConversationsTable>;

/** A conversation with what a list shows of its bot. */
export type ConversationWithBot = ConversationRow & {
  bot_handle: string;
  bot_display_name: string;
  bot_avatar_version: number | null;
};

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
    /**
     * A user's conversations with their bots, most recently updated first, optionally those
     * whose title contains some text (ignoring case).
     */
    listForUser(
      userId: string,
      page: PageRequest & { titleContains?: string | undefined },
    ): Promise<Page<ConversationWithBot>> {
      let query = db
        .selectFrom("conversations")
        .innerJoin("bots", "bots.id", "conversations.bot_id")
        .selectAll("conversations")
        .select([
          "bots.handle as bot_handle",
          "bots.display_name as bot_display_name",
          "bots.avatar_version as bot_avatar_version",
        ])
        .where("conversations.user_id", "=", userId);
      if (page.titleContains)
        query = query.where(containsText("conversations.title", page.titleContains));
      const columns = { time: "conversations.updated_at", id: "conversations.id" };
      return readPage(query, columns, page, (row) => ({ at: row.updated_at, id: row.id }));
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
