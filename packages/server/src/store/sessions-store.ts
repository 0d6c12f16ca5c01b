import type { Kysely, Selectable } from "kysely";
import type { Database, SessionsTable } from "./schema.js";

/** A stored login session (its id is the hash of the cookie token). */
export type SessionRow = Selectable<SessionsTable>;

/** Login sessions. */
export function createSessionsStore(db: Kysely<Database>) {
  return {
    async insert(session: SessionRow): Promise<void> {
      await db.insertInto("sessions").values(session).execute();
    },
    findLive(id: string, now: number): Promise<SessionRow | undefined> {
      return db
        .selectFrom("sessions")
        .selectAll()
        .where("id", "=", id)
        .where("expires_at", ">", now)
        .executeTakeFirst();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom("sessions").where("id", "=", id).execute();
    },
  };
}

/** The sessions part of the store. */
export type SessionsStore = ReturnType<typeof createSessionsStore>;
