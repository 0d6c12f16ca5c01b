import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The SQLite database's file name inside the data folder. */
const SQLITE_FILE = "parlor.sqlite";

/** Where the SQLite database of a data folder is (whether or not it exists yet). */
export function sqliteFilePath(dataDir: string): string {
  return join(dataDir, SQLITE_FILE);
}

/** Whether `folder` is the root of a Parlor checkout or install: its package.json is `parlor`'s. */
function isParlorRoot(folder: string): boolean {
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    return typeof manifest === "object" && manifest !== null && "name" in manifest
      ? manifest.name === "parlor"
      : false;
  } catch {
    return false;
  }
}

/** The `data/` of the nearest folder at or above `start` that holds a database or is Parlor's root. */
function nearestDataDir(start: string): string | undefined {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    const candidate = join(folder, "data");
    if (existsSync(sqliteFilePath(candidate)) || isParlorRoot(folder)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * The data folder, found the same way by `parlor start` and every other command, so a command
 * run from a subfolder reaches the platform's database instead of starting an empty one there:
 *
 * 1. `PARLOR_DATA_DIR` when set (relative to the working directory);
 * 2. else `data/` of the nearest folder at or above the working directory that has a
 *    `data/parlor.sqlite` or is a Parlor checkout (its package.json is named `parlor`);
 * 3. else `data/` of the Parlor checkout this code runs from (a linked or checked-out `parlor`
 *    run from anywhere);
 * 4. else `./data`.
 */
export function findDataDir(
  setting: string | undefined,
  workingDirectory: string = process.cwd(),
  codeLocation: string = fileURLToPath(import.meta.url),
): string {
  if (setting) return resolve(workingDirectory, setting);
  return (
    nearestDataDir(workingDirectory) ??
    nearestDataDir(dirname(codeLocation)) ??
    join(resolve(workingDirectory), "data")
  );
}
