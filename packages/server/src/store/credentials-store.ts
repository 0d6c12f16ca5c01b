import type { Kysely } from "kysely";
import type { Database } from "./schema.js";
import { SYSTEM_USER_ID } from "./users-store.js";

/**
 * Passwords. A new password ends the account's sessions in the same commit (all of them, or all
 * but the one that changed it), so a session opened with the old one cannot outlive it.
 * `onSessionsEnded` runs after, so whatever keeps sessions in memory forgets them at once.
 */
export function createCredentialsStore(db: Kysely<Database>, onSessionsEnded: () => void) {
  return {
    /** Stores a new password hash; false when there is no such person. */
    async setPassword(
      userId: string,
      passwordHash: string,
      options: { keepSessionId?: string | undefined } = {},
    ): Promise<boolean> {
      const changed = await db.transaction().execute(async (transaction) => {
        const result = await transaction
          .updateTable("users")
          .set({ password_hash: passwordHash })
          .where("id", "=", userId)
          .where("id", "!=", SYSTEM_USER_ID)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        let sessions = transaction.deleteFrom("sessions").where("user_id", "=", userId);
        if (options.keepSessionId !== undefined)
          sessions = sessions.where("id", "!=", options.keepSessionId);
        await sessions.execute();
        return true;
      });
      onSessionsEnded();
      return changed;
    },
  };
}

/** The credentials part of the store. */
export type CredentialsStore = ReturnType<typeof createCredentialsStore>;
