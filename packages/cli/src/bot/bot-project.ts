import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../cli-error.js";
import { isValidHandle } from "./bot-handle.js";

/** A bot project folder, as `parlor bot init` makes them. */
export interface BotProject {
  folder: string;
  /** The bot's handle on the platform: --handle, else the package's name. */
  handle: string;
  /** The file that serves the bot: src/main.ts. */
  entry: string;
  /** The project's own tsx, which runs TypeScript on Node 20. */
  tsx: string;
}

/** Reads the project in `folder`, saying what to do when it is not one (or not installed). */
export function readBotProject(folder: string, handleOption?: string): BotProject {
  const root = resolve(folder);
  const manifestPath = join(root, "package.json");
  if (!existsSync(manifestPath)) {
    throw new CliError(
      `No package.json in ${root}: run this in a bot project (make one with "parlor bot init <folder>")`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: unknown };
  const handle = handleOption ?? (typeof manifest.name === "string" ? manifest.name : "");
  if (!isValidHandle(handle)) {
    throw new CliError(
      `"${handle}" cannot be a bot handle (2–50 letters, digits, - or _): pass --handle`,
    );
  }
  const entry = join(root, "src", "main.ts");
  if (!existsSync(entry))
    throw new CliError(`No src/main.ts in ${root}: it is the file that serves the bot`);
  const tsx = join(root, "node_modules", ".bin", "tsx");
  if (!existsSync(tsx))
    throw new CliError(`tsx is not installed in ${root}: run npm install first`);
  return { folder: root, handle, entry, tsx };
}
