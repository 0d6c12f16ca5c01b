import type { Kysely, Selectable } from "kysely";
import { reusableQuery } from "./reusable-query.js";
import { ShortLivedCache } from "./short-lived-cache.js";
import type { Database, SessionsTable } from "./schema.js";
import type { UserIdentity } from "./users-store.js";

/** A stored login session (its id is the hash of the cookie token). */
export type SessionRow = Selectable<SessionsTable>;

/** Login sessions. */
export function createSessionsStore(db: Kysely<Database>) {
  const liveUser = reusableQuery(db, (id: string, now: number) =>
    db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select(["users.id", "users.email", "users.role", "sessions.expires_at"])
      .where("sessions.id", "=", id)
      .where("sessions.expires_at", ">", now)
      .where("users.disabled_at", "is", null),
  );
  // Every cookie request looks its session up; every write below clears what is kept.
  const cache = new ShortLivedCache<{ user: UserIdentity; expiresAt: number }>();
  return {
    async insert(session: SessionRow): Promise<void> {
      await db.insertInto("sessions").values(session).execute();
      cache.clear();
    },
    /**
     * The user of a live session (not of a disabled account), in one query: this runs on every
     * cookie request. A session ended on another instance may still be found here for up to a
     * second; a change made here is seen at once.
     */
    async findLiveUser(id: string, now: number): Promise<UserIdentity | undefined> {
      const live = await cache.load(id, async () => {
        const [row] = await liveUser(id, now);
        return (
          row && {
            user: { id: row.id, email: row.email, role: row.role },
            expiresAt: row.expires_at,
          }
        );
      });
      return live && live.expiresAt > now ? live.user : undefined;
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom("sessions").where("id", "=", id).execute();
      cache.clear();
    },
    /** Drops what is kept in memory: an account's role or standing changed. */
    forgetCached(): void {
      cache.clear();
    },
  };
}

/** The sessions part of the store. */
export type SessionsStore = ReturnType<typeof createSessionsStore>;
