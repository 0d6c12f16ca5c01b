import type { Command } from "commander";
import { ConfigError, ListenError, loadConfig, startServer } from "@parlor/server";
import { cliEnvironment } from "../cli-environment.js";
import { startNotices } from "./start-notices.js";

/** `parlor start`: run the platform until interrupted, shutting down gracefully. */
export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("Start the platform (SQLite in PARLOR_DATA_DIR, or DATABASE_URL for PostgreSQL)")
    .option("-p, --port <port>", "port to listen on (default: PORT or 8080)")
    .action(async (options: { port?: string }) => {
      let config;
      try {
        config = loadConfig({
          ...cliEnvironment().platform,
          ...(options.port ? { PORT: options.port } : {}),
        });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(error.message);
        process.exit(2);
      }
      let running;
      try {
        running = await startServer(config);
      } catch (error) {
        if (!(error instanceof ListenError)) throw error;
        console.error(`parlor: ${error.message}`);
        process.exit(1);
      }
      const store = config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`;
      console.log(`Parlor is running at ${running.url} (${store})`);
      for (const line of startNotices(config)) console.log(line);
      let stopping = false;
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
          if (stopping) process.exit(1);
          stopping = true;
          const seconds = config.drainMs / 1000;
          console.log(
            `Shutting down: open replies may finish for ${seconds} s (PARLOR_DRAIN_S); a second ${signal} stops at once…`,
          );
          void running.close({ drainMs: config.drainMs }).then(() => process.exit(0));
        });
      }
    });
}
