import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Platform settings an admin changes at run time, by key, as JSON values. */
export function createSettingsStore(db: Kysely<Database>) {
  return {
    /** The stored value of `key`, or undefined when nobody has set it. */
    async get(key: string): Promise<unknown> {
      const row = await db
        .selectFrom("settings")
        .select("value_json")
        .where("key", "=", key)
        .executeTakeFirst();
      return row === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
    },
    /** Sets `key` to `value`, replacing what was there. */
    async set(key: string, value: unknown, now: number): Promise<void> {
      const value_json = JSON.stringify(value);
      await db
        .insertInto("settings")
        .values({ key, value_json, updated_at: now })
        .onConflict((conflict) =>
          conflict.column("key").doUpdateSet({ value_json, updated_at: now }),
        )
        .execute();
    },
  };
}

/** The settings part of the store. */
export type SettingsStore = ReturnType<typeof createSettingsStore>;
