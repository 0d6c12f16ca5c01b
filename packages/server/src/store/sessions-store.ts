import type { Kysely, Selectable } from "kysely";
import { randomId } from "../auth/tokens.js";
import { reusableQuery } from "./reusable-query.js";
import { ShortLivedCache } from "./short-lived-cache.js";
import type { Database, SessionsTable } from "./schema.js";
import type { UserIdentity } from "./users-store.js";

/** A stored login session (its id is the hash of the cookie token). */
export type SessionRow = Selectable<SessionsTable>;

/** A session to store: without a public id, one is made; what the login did not say is null. */
export type NewSession = Pick<SessionRow, "id" | "user_id" | "created_at" | "expires_at"> &
  Partial<Pick<SessionRow, "public_id" | "last_seen_at" | "user_agent" | "client_address">>;

/** A live session as its owner sees it in a list (never the token's hash). */
export type ListedSession = Omit<SessionRow, "id" | "user_id"> & { token_hash: string };

/** How stale `last_seen_at` may get: one write a minute per session, not one per request. */
const LAST_SEEN_PRECISION_MS = 60_000;

/** Login sessions. */
export function createSessionsStore(db: Kysely<Database>) {
  const liveUser = reusableQuery(db, (id: string, now: number) =>
    db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "users.id",
        "users.email",
        "users.role",
        "sessions.expires_at",
        "sessions.last_seen_at",
      ])
      .where("sessions.id", "=", id)
      .where("sessions.expires_at", ">", now)
      .where("users.disabled_at", "is", null),
  );
  // Every cookie request looks its session up; every write below clears what is kept.
  const cache = new ShortLivedCache<{
    user: UserIdentity;
    expiresAt: number;
    lastSeenAt: number | null;
  }>();
  return {
    async insert(session: NewSession): Promise<void> {
      await db
        .insertInto("sessions")
        .values({
          public_id: randomId("ses"),
          last_seen_at: null,
          user_agent: null,
          client_address: null,
          ...session,
        })
        .execute();
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
            lastSeenAt: row.last_seen_at,
          }
        );
      });
      if (!live || live.expiresAt <= now) return undefined;
      // To the minute is enough for "last active", and saves a write on every request.
      if (live.lastSeenAt === null || now - live.lastSeenAt >= LAST_SEEN_PRECISION_MS) {
        await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", id).execute();
        cache.clear();
      }
      return live.user;
    },
    /** The user's live sessions, most recently opened first. */
    async listForUser(userId: string, now: number): Promise<ListedSession[]> {
      const rows = await db
        .selectFrom("sessions")
        .selectAll()
        .where("user_id", "=", userId)
        .where("expires_at", ">", now)
        .orderBy("created_at", "desc")
        .orderBy("public_id")
        .execute();
      return rows.map(({ id, user_id: _userId, ...listed }) => ({ ...listed, token_hash: id }));
    },
    /** Ends the user's session with this public id; false when they have none such. */
    async deleteForUser(userId: string, publicId: string): Promise<boolean> {
      const result = await db
        .deleteFrom("sessions")
        .where("user_id", "=", userId)
        .where("public_id", "=", publicId)
        .executeTakeFirst();
      cache.clear();
      return Number(result.numDeletedRows) > 0;
    },
    /** Ends every session of the user but `keepId` (a token hash; all of them without one). */
    async deleteAllForUser(userId: string, keepId?: string): Promise<number> {
      let query = db.deleteFrom("sessions").where("user_id", "=", userId);
      if (keepId !== undefined) query = query.where("id", "!=", keepId);
      const result = await query.executeTakeFirst();
      cache.clear();
      return Number(result.numDeletedRows);
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
