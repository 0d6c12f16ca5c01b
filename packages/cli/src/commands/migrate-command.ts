import type { Command } from "commander";
import { ConfigError, loadConfig, migrateDatabase } from "@parlor/server";
import { cliEnvironment } from "../cli-environment.js";

/** `parlor migrate`: bring the database's schema up to date, then exit (for deploy pipelines). */
export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("Bring the database schema up to date and exit (SQLite or DATABASE_URL)")
    .action(async () => {
      let config;
      try {
        config = loadConfig(cliEnvironment().platform);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(error.message);
        process.exit(2);
      }
      const where = config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`;
      try {
        const report = await migrateDatabase(config);
        const applied = report.applied.length
          ? `applied ${report.applied.join(", ")}`
          : "nothing to apply";
        console.log(`Database (${where}) is at schema ${report.version}: ${applied}`);
      } catch (error) {
        console.error(`parlor: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      }
    });
}
