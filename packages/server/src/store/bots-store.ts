import type { Kysely, Selectable, Updateable } from "kysely";
import type { BotsTable, Database } from "./schema.js";

/** A stored bot. */
export type BotRow = Selectable<BotsTable>;

/** Bots. */
export function createBotsStore(db: Kysely<Database>) {
  return {
    async insert(bot: BotRow): Promise<void> {
      await db.insertInto("bots").values(bot).execute();
    },
    findByHandle(handle: string): Promise<BotRow | undefined> {
      return db
        .selectFrom("bots")
        .selectAll()
        .where("handle", "=", handle.toLowerCase())
        .executeTakeFirst();
    },
    findById(id: string): Promise<BotRow | undefined> {
      return db.selectFrom("bots").selectAll().where("id", "=", id).executeTakeFirst();
    },
    /** Bots a user may use: public ones and their own. */
    listVisibleTo(userId: string): Promise<BotRow[]> {
      return db
        .selectFrom("bots")
        .selectAll()
        .where((eb) => eb.or([eb("visibility", "=", "public"), eb("owner_id", "=", userId)]))
        .orderBy("handle")
        .execute();
    },
    /** Every server bot; finds the bot an access key belongs to (keys are stored encrypted). */
    listServerBots(): Promise<BotRow[]> {
      return db.selectFrom("bots").selectAll().where("kind", "=", "server").execute();
    },
    async update(id: string, changes: Updateable<BotsTable>): Promise<void> {
      await db.updateTable("bots").set(changes).where("id", "=", id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom("bots").where("id", "=", id).execute();
    },
  };
}

/** The bots part of the store. */
export type BotsStore = ReturnType<typeof createBotsStore>;
