import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database, ModelProvidersTable } from "./schema.js";

/** A stored model provider (its key still sealed). */
export type ModelProviderRow = Selectable<ModelProvidersTable>;

/** Model vendors and OpenAI-compatible servers an admin added or edited. */
export function createModelProvidersStore(db: Kysely<Database>) {
  return {
    list(): Promise<ModelProviderRow[]> {
      return db.selectFrom("model_providers").selectAll().orderBy("created_at").execute();
    },
    findById(id: string): Promise<ModelProviderRow | undefined> {
      return db.selectFrom("model_providers").selectAll().where("id", "=", id).executeTakeFirst();
    },
    async insert(row: ModelProviderRow): Promise<void> {
      await db.insertInto("model_providers").values(row).execute();
    },
    async update(id: string, changes: Updateable<ModelProvidersTable>): Promise<void> {
      await db.updateTable("model_providers").set(changes).where("id", "=", id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom("model_providers").where("id", "=", id).execute();
    },
  };
}

/** The model providers part of the store. */
export type ModelProvidersStore = ReturnType<typeof createModelProvidersStore>;
