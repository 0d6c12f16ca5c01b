import type { Kysely, Selectable } from "kysely";
import type { Database, UserAvatarsTable } from "./schema.js";

/** A person's stored avatar: the image bytes and their detected type. */
export type UserAvatarRow = Selectable<UserAvatarsTable>;

/**
 * People's avatars; each has at most one. Storing or removing one changes the account's
 * `avatar_version` in the same commit, so its URL never names an avatar that is not there.
 */
export function createUserAvatarsStore(db: Kysely<Database>) {
  return {
    /** Stores the user's avatar, replacing the one they had, under a new version. */
    async put(avatar: UserAvatarRow, version: number): Promise<void> {
      await db.transaction().execute(async (transaction) => {
        await transaction
          .insertInto("user_avatars")
          .values(avatar)
          .onConflict((conflict) =>
            conflict.column("user_id").doUpdateSet({
              content_type: avatar.content_type,
              bytes: avatar.bytes,
              updated_at: avatar.updated_at,
            }),
          )
          .execute();
        await transaction
          .updateTable("users")
          .set({ avatar_version: version })
          .where("id", "=", avatar.user_id)
          .execute();
      });
    },
    find(userId: string): Promise<UserAvatarRow | undefined> {
      return db
        .selectFrom("user_avatars")
        .selectAll()
        .where("user_id", "=", userId)
        .executeTakeFirst();
    },
    async delete(userId: string): Promise<void> {
      await db.transaction().execute(async (transaction) => {
        await transaction
          .updateTable("users")
          .set({ avatar_version: null })
          .where("id", "=", userId)
          .execute();
        await transaction.deleteFrom("user_avatars").where("user_id", "=", userId).execute();
      });
    },
  };
}

/** The user avatars part of the store. */
export type UserAvatarsStore = ReturnType<typeof createUserAvatarsStore>;
