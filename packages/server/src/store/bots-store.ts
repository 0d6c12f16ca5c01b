import type { Kysely, Selectable, Updateable } from "kysely";
import { containsText } from "./contains-text.js";
import { readPage, type Page, type PageRequest } from "./list-page.js";
import { reusableQuery } from "./reusable-query.js";
import { ShortLivedCache } from "./short-lived-cache.js";
import type { BotsTable, Database } from "./schema.js";

/** A stored bot. */
export type BotRow = Selectable<BotsTable>;

/** A bot with its owner's email, as admins list them. */
export type BotWithOwner = BotRow & { owner_email: string };

/** Bots. */
export function createBotsStore(db: Kysely<Database>) {
  // Every bot call and every message looks its bot up.
  const byHandle = reusableQuery(db, (handle: string) =>
    db.selectFrom("bots").selectAll().where("handle", "=", handle),
  );
  const byId = reusableQuery(db, (id: string) =>
    db.selectFrom("bots").selectAll().where("id", "=", id),
  );
  // Both lookups are served from memory for a moment; every write below clears them.
  const cache = new ShortLivedCache<BotRow>();
  return {
    async insert(bot: BotRow): Promise<void> {
      await db.insertInto("bots").values(bot).execute();
      cache.clear();
    },
    /** The bot with this handle (any case); may be up to a second old if another instance changed it. */
    findByHandle(handle: string): Promise<BotRow | undefined> {
      const key = handle.toLowerCase();
      return cache.load(`handle:${key}`, async () => (await byHandle(key))[0]);
    },
    /** The bot with this id; may be up to a second old if another instance changed it. */
    findById(id: string): Promise<BotRow | undefined> {
      return cache.load(`id:${id}`, async () => (await byId(id))[0]);
    },
    /**
     * Public bots and the user's own, by handle: the only bots a list may show them
     * (`authorize` then decides which of these it does).
     */
    listPublicOrOwnedBy(userId: string): Promise<BotRow[]> {
      return db
        .selectFrom("bots")
        .selectAll()
        .where((eb) => eb.or([eb("visibility", "=", "public"), eb("owner_id", "=", userId)]))
        .orderBy("handle")
        .execute();
    },
    /**
     * Every bot with its owner's email, newest first, optionally those whose handle or display
     * name contains some text.
     */
    listWithOwners(
      page: PageRequest & { contains?: string | undefined },
    ): Promise<Page<BotWithOwner>> {
      let query = db
        .selectFrom("bots")
        .innerJoin("users", "users.id", "bots.owner_id")
        .selectAll("bots")
        .select("users.email as owner_email");
      const contains = page.contains;
      if (contains) {
        query = query.where((eb) =>
          eb.or([
            containsText("bots.handle", contains),
            containsText("bots.display_name", contains),
          ]),
        );
      }
      return readPage(query, { time: "bots.created_at", id: "bots.id" }, page, (row) => ({
        at: row.created_at,
        id: row.id,
      }));
    },
    /** Every server bot; finds the bot an access key belongs to (keys are stored encrypted). */
    listServerBots(): Promise<BotRow[]> {
      return db.selectFrom("bots").selectAll().where("kind", "=", "server").execute();
    },
    /** Every model bot (`kind` "model"), whichever provider serves it. */
    listModelBots(): Promise<BotRow[]> {
      return db.selectFrom("bots").selectAll().where("kind", "=", "model").execute();
    },
    async update(id: string, changes: Updateable<BotsTable>): Promise<void> {
      await db.updateTable("bots").set(changes).where("id", "=", id).execute();
      cache.clear();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom("bots").where("id", "=", id).execute();
      cache.clear();
    },
    /** Drops what is kept in memory: bots were deleted elsewhere (with their owner's account). */
    forgetCached(): void {
      cache.clear();
    },
  };
}

/** The bots part of the store. */
export type BotsStore = ReturnType<typeof createBotsStore>;
