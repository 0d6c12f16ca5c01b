import { existsSync } from "node:fs";
import {
  createPlatform,
  findDataDir,
  loadConfig,
  sqliteFilePath,
  type Platform,
} from "@parlor/server";
import { CliError } from "./cli-error.js";
import { cliEnvironment } from "./cli-environment.js";

/**
 * Refuses to go on when the data folder has no database: every command but `parlor start`
 * works on an existing platform, and opening one would create an empty database (the old
 * CLI did this in whatever folder it was run from). PostgreSQL's database is the operator's
 * own, named by DATABASE_URL, so it is used as it is.
 */
function requireExistingDatabase(env: Record<string, string | undefined>): void {
  if (env.DATABASE_URL) return;
  const dataDir = findDataDir(env.PARLOR_DATA_DIR);
  if (!existsSync(sqliteFilePath(dataDir))) {
    throw new CliError(
      `No Parlor database in ${dataDir}. Start the platform first with \`parlor start\`, or set PARLOR_DATA_DIR or --url`,
    );
  }
}

/**
 * Opens the platform's services (the same ones the HTTP API uses) on this machine's existing
 * database. The platform's JSON log is for servers: a command stays quiet unless LOG_LEVEL
 * asks otherwise, and speaks to the user in plain text instead.
 */
export async function openLocalPlatform(overrides: Record<string, string> = {}): Promise<Platform> {
  const environment = cliEnvironment();
  if (environment.url) {
    throw new CliError(
      "This command works only on this machine's database, and PARLOR_URL is set; unset it to run the command here",
    );
  }
  const env = { LOG_LEVEL: "silent", ...environment.platform, ...overrides };
  requireExistingDatabase(env);
  return createPlatform(loadConfig(env));
}

/** Closes what {@link openLocalPlatform} opened. */
export async function closeLocalPlatform(platform: Platform): Promise<void> {
  await platform.close();
  platform.outbound.close();
}

/**
 * Runs one command on the local platform's services and closes them afterwards; `overrides`
 * change the environment those services are configured from.
 */
export async function withPlatform<T>(
  run: (platform: Platform) => Promise<T>,
  overrides: Record<string, string> = {},
): Promise<T> {
  const platform = await openLocalPlatform(overrides);
  try {
    return await run(platform);
  } finally {
    await closeLocalPlatform(platform);
  }
}
