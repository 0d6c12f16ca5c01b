import type { Config } from "../config/config.js";
import { migrateToLatest, openDatabase, type MigrationReport } from "./database.js";

/**
 * Brings the configured database's schema up to date and closes it: what `parlor migrate` runs
 * in a deploy pipeline before new instances start (they would migrate too, once, under the
 * migrator's lock; migrating first keeps a failed migration out of the rollout).
 */
export async function migrateDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir">,
): Promise<MigrationReport> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
}
