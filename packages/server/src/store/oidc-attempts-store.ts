import type { Kysely, Selectable } from "kysely";
import type { Database, OidcLoginAttemptsTable } from "./schema.js";

/** A single sign-on under way. */
export type OidcAttemptRow = Selectable<OidcLoginAttemptsTable>;

/** Single sign-ons under way: each is taken once, so a replayed callback finds nothing. */
export function createOidcAttemptsStore(db: Kysely<Database>) {
  return {
    /** Stores an attempt, and forgets those that expired (abandoned sign-ins). */
    async insert(attempt: OidcAttemptRow, now: number): Promise<void> {
      await db.deleteFrom("oidc_login_attempts").where("expires_at", "<=", now).execute();
      await db.insertInto("oidc_login_attempts").values(attempt).execute();
    },
    /** Removes the attempt and returns it if it was still live: one statement, so only one caller wins. */
    async take(id: string, now: number): Promise<OidcAttemptRow | undefined> {
      const taken = await db
        .deleteFrom("oidc_login_attempts")
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return taken && taken.expires_at > now ? taken : undefined;
    },
  };
}

/** The single sign-on attempts part of the store. */
export type OidcAttemptsStore = ReturnType<typeof createOidcAttemptsStore>;
