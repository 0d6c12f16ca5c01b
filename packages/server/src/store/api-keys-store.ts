import type { Kysely, Selectable } from "kysely";
import { reusableQuery } from "./reusable-query.js";
import type { ApiKeysTable, Database } from "./schema.js";
import type { UserRow } from "./users-store.js";

/** A stored user API key (only its hash). */
export type ApiKeyRow = Selectable<ApiKeysTable>;

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
      .where("api_keys.revoked_at", "is", null),
  );
  return {
    async insert(key: ApiKeyRow): Promise<void> {
      await db.insertInto("api_keys").values(key).execute();
    },
    /** An active key and its user, in one query: this runs on every API-key request. */
    async findActiveWithUser(keyHash: string): Promise<
      | (Pick<ApiKeyRow, "id" | "last_used_at"> & {
          user: Pick<UserRow, "id" | "email" | "role">;
        })
      | undefined
    > {
      const [row] = await activeWithUser(keyHash);
      return (
        row && {
          id: row.id,
          last_used_at: row.last_used_at,
          user: { id: row.user_id, email: row.email, role: row.role },
        }
      );
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
