import type { Kysely, Selectable, Updateable } from "kysely";
import type { ConversationsTable, Database, MessagesTable } from "./schema.js";

/** A stored message; bot messages double as generations. */
export type MessageRow = Selectable<MessagesTable>;

/** Messages: rows with parent ids, never a JSON blob per conversation. */
export function createMessagesStore(db: Kysely<Database>) {
  return {
    async insert(message: MessageRow): Promise<void> {
      await db.insertInto("messages").values(message).execute();
    },
    /**
     * Several rows in one statement (a user message and the reply it starts) and, in the same
     * transaction, the conversation's new activity time and title: one commit per turn.
     */
    async insertMany(
      messages: MessageRow[],
      conversation?: { id: string; changes: Updateable<ConversationsTable> },
    ): Promise<void> {
      if (!conversation) {
        await db.insertInto("messages").values(messages).execute();
        return;
      }
      await db.transaction().execute(async (transaction) => {
        await transaction.insertInto("messages").values(messages).execute();
        await transaction
          .updateTable("conversations")
          .set(conversation.changes)
          .where("id", "=", conversation.id)
          .execute();
      });
    },
    findById(id: string): Promise<MessageRow | undefined> {
      return db.selectFrom("messages").selectAll().where("id", "=", id).executeTakeFirst();
    },
    listForConversation(conversationId: string): Promise<MessageRow[]> {
      return db
        .selectFrom("messages")
        .selectAll()
        .where("conversation_id", "=", conversationId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
    },
    async update(id: string, changes: Updateable<MessagesTable>): Promise<void> {
      await db.updateTable("messages").set(changes).where("id", "=", id).execute();
    },
    /** Changes a reply only if it is still streaming; false if it has reached its final state. */
    async updateIfStreaming(id: string, changes: Updateable<MessagesTable>): Promise<boolean> {
      const result = await db
        .updateTable("messages")
        .set(changes)
        .where("id", "=", id)
        .where("status", "=", "streaming")
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    /**
     * The text so far of several running replies, in one transaction. A reply that has reached
     * its final state meanwhile is left alone, so a late checkpoint never overwrites it.
     */
    async saveCheckpoints(
      replies: { id: string; content: string }[],
      updatedAt: number,
    ): Promise<void> {
      await db.transaction().execute(async (transaction) => {
        for (const { id, content } of replies) {
          await transaction
            .updateTable("messages")
            .set({ content, updated_at: updatedAt })
            .where("id", "=", id)
            .where("status", "=", "streaming")
            .execute();
        }
      });
    },
    /** Bot messages still marked as streaming, e.g. after a crash. */
    listStreaming(): Promise<MessageRow[]> {
      return db.selectFrom("messages").selectAll().where("status", "=", "streaming").execute();
    },
  };
}

/** The messages part of the store. */
export type MessagesStore = ReturnType<typeof createMessagesStore>;
