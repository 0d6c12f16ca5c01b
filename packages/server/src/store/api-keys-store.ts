import type { Kysely, Selectable } from "kysely";
import type { ApiKeysTable, Database } from "./schema.js";

/** A stored user API key (only its hash). */
export type ApiKeyRow = Selectable<ApiKeysTable>;

/** User API keys. */
export function createApiKeysStore(db: Kysely<Database>) {
  return {
    async insert(key: ApiKeyRow): Promise<void> {
      await db.insertInto("api_keys").values(key).execute();
    },
    findActiveByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
      return db
        .selectFrom("api_keys")
        .selectAll()
        .where("key_hash", "=", keyHash)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
    },
    listForUser(userId: string): Promise<ApiKeyRow[]> {
      return db
        .selectFrom("api_keys")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at", "desc")
        .execute();
    },
    async revoke(id: string, userId: string, now: number): Promise<boolean> {
      const result = await db
        .updateTable("api_keys")
        .set({ revoked_at: now })
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async touch(id: string, now: number): Promise<void> {
      await db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", id).execute();
    },
  };
}

/** The API keys part of the store. */
export type ApiKeysStore = ReturnType<typeof createApiKeysStore>;
