import type { Kysely, Selectable } from "kysely";
import { reusableQuery } from "./reusable-query.js";
import { ShortLivedCache } from "./short-lived-cache.js";
import type { ApiKeysTable, Database } from "./schema.js";
import type { UserIdentity } from "./users-store.js";

/** A stored user API key (only its hash). */
export type ApiKeyRow = Selectable<ApiKeysTable>;

/** An active API key as a request sees it: when it was last used, and whose it is. */
export type ActiveKey = Pick<ApiKeyRow, "id" | "last_used_at"> & {
  user: UserIdentity;
};

/** User API keys. */
export function createApiKeysStore(db: Kysely<Database>) {
  const activeWithUser = reusableQuery(db, (keyHash: string) =>
    db
      .selectFrom("api_keys")
      .innerJoin("users", "users.id", "api_keys.user_id")
      .select([
        "api_keys.id",
        "api_keys.last_used_at",
        "users.id as user_id",
        "users.email",
        "users.role",
      ])
      .where("api_keys.key_hash", "=", keyHash)
      .where("api_keys.revoked_at", "is", null)
      .where("users.disabled_at", "is", null),
  );
  // Every API-key request looks its key up; every write below clears what is kept.
  const cache = new ShortLivedCache<ActiveKey>();
  return {
    async insert(key: ApiKeyRow): Promise<void> {
      await db.insertInto("api_keys").values(key).execute();
      cache.clear();
    },
    /**
     * An active key and its user (not a disabled account), in one query: this runs on every
     * API-key request. A key revoked on another instance may still be found here for up to a
     * second; a change made here is seen at once.
     */
    findActiveWithUser(keyHash: string): Promise<ActiveKey | undefined> {
      return cache.load(keyHash, async () => {
        const [row] = await activeWithUser(keyHash);
        return (
          row && {
            id: row.id,
            last_used_at: row.last_used_at,
            user: { id: row.user_id, email: row.email, role: row.role },
          }
        );
      });
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
      cache.clear();
      return Number(result.numUpdatedRows) > 0;
    },
    async touch(id: string, now: number): Promise<void> {
      await db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", id).execute();
      cache.clear();
    },
    /** Drops what is kept in memory: an account's role or standing changed. */
    forgetCached(): void {
      cache.clear();
    },
  };
}

/** The API keys part of the store. */
export type ApiKeysStore = ReturnType<typeof createApiKeysStore>;
