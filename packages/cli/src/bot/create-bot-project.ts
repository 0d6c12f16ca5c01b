import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CliError } from "../cli-error.js";
import { BOT_TEMPLATES, type BotTemplate } from "./bot-templates.js";
import { checkoutPaths } from "./checkout-paths.js";
import { packSdk } from "./pack-sdk.js";

/** What to make, and where. */
export interface BotProjectOptions {
  folder: string;
  template: BotTemplate;
  handle: string;
}

/** tsx runs the bot's TypeScript on Node 20 with reload; not a dependency of the checkout. */
const TSX_VERSION = "~4.23.15";

/** The checkout's own versions of the tools a bot project uses, so both stay in step. */
function checkoutDevDependency(name: string): string {
  const manifest = JSON.parse(readFileSync(join(checkoutPaths.root, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const version = manifest.devDependencies[name];
  if (!version) throw new Error(`The checkout's package.json has no ${name}`);
  return version;
}

function packageJson(handle: string, tarballs: string[]): string {
  const dependencies = Object.fromEntries(
    tarballs.map((tarball) => [
      // parlor-sdk-0.1.0.tgz is @parlor/sdk
      `@parlor/${basename(tarball)
        .replace(/^parlor-/, "")
        .replace(/-\d.*$/, "")}`,
      `file:vendor/${basename(tarball)}`,
    ]),
  );
  const manifest = {
    name: handle,
    version: "0.1.0",
    private: true,
    type: "module",
    engines: { node: ">=20" },
    scripts: {
      dev: "parlor bot dev",
      test: "vitest run",
      check: "parlor bot test",
      build: "tsc -p tsconfig.build.json",
      start: "node dist/main.js",
    },
    dependencies,
    devDependencies: {
      "@parlor/cli": "file:vendor/parlor-cli",
      "@types/node": checkoutDevDependency("@types/node"),
      tsx: TSX_VERSION,
      typescript: checkoutDevDependency("typescript"),
      vitest: checkoutDevDependency("vitest"),
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * A stand-in package for the `parlor` command, so `npx parlor` works in the project: it runs
 * the CLI of the checkout the project was made from.
 */
function writeCliShim(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const manifest = {
    name: "@parlor/cli",
    version: "0.1.0",
    private: true,
    description: `The parlor command of the Parlor checkout in ${checkoutPaths.root}`,
    type: "module",
    bin: { parlor: "parlor.js" },
  };
  writeFileSync(join(folder, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const bin = join(folder, "parlor.js");
  writeFileSync(
    bin,
    [
      "#!/usr/bin/env node",
      "// The Parlor CLI of the checkout this bot project was made from, until it is published.",
      `await import(${JSON.stringify(pathToFileURL(checkoutPaths.cliBin).href)});`,
      "",
    ].join("\n"),
  );
  chmodSync(bin, 0o755);
}

/**
 * Makes a new bot project in `folder` (which must be empty or absent): the template's sources,
 * the common files, the SDK's tarballs in vendor/ and a package.json that installs them.
 * Resolves with the files written, relative to the folder.
 */
export async function createBotProject(options: BotProjectOptions): Promise<string[]> {
  const folder = resolve(options.folder);
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new CliError(`${folder} is not empty: choose a new folder for the bot`);
  }
  mkdirSync(folder, { recursive: true });
  const { templates } = checkoutPaths;
  cpSync(join(templates, "common"), folder, { recursive: true });
  cpSync(join(templates, options.template), folder, { recursive: true });
  // Stored without the dot, so git does not take it as the templates folder's own ignore file.
  renameSync(join(folder, "gitignore"), join(folder, ".gitignore"));
  const readme = readFileSync(join(folder, "README.md"), "utf8")
    .replaceAll("{{handle}}", options.handle)
    .replace("{{summary}}", BOT_TEMPLATES[options.template]);
  writeFileSync(join(folder, "README.md"), readme);
  const tarballs = await packSdk(join(folder, "vendor"));
  writeCliShim(join(folder, "vendor", "parlor-cli"));
  writeFileSync(join(folder, "package.json"), packageJson(options.handle, tarballs));
  return listFiles(folder).map((file) => relative(folder, file));
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
