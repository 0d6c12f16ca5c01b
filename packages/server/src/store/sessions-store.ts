import type { Kysely, Selectable } from "kysely";
import { reusableQuery } from "./reusable-query.js";
import type { Database, SessionsTable } from "./schema.js";
import type { UserRow } from "./users-store.js";

/** A stored login session (its id is the hash of the cookie token). */
export type SessionRow = Selectable<SessionsTable>;

/** Login sessions. */
export function createSessionsStore(db: Kysely<Database>) {
  const liveUser = reusableQuery(db, (id: string, now: number) =>
    db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select(["users.id", "users.email", "users.role"])
      .where("sessions.id", "=", id)
      .where("sessions.expires_at", ">", now),
  );
  return {
    async insert(session: SessionRow): Promise<void> {
      await db.insertInto("sessions").values(session).execute();
    },
    /** The user of a live session, in one query: this runs on every cookie request. */
    async findLiveUser(
      id: string,
      now: number,
    ): Promise<Pick<UserRow, "id" | "email" | "role"> | undefined> {
      return (await liveUser(id, now))[0];
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom("sessions").where("id", "=", id).execute();
    },
  };
}

/** The sessions part of the store. */
export type SessionsStore = ReturnType<typeof createSessionsStore>;
