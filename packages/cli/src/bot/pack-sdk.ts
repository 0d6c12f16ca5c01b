import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { z } from "zod";
import { checkoutPaths } from "./checkout-paths.js";
import { runCommand } from "./run-command.js";

const packOutputSchema = z.array(z.object({ filename: z.string() }));

/**
 * Builds @parlor/protocol and @parlor/sdk and writes their npm tarballs to `destination`,
 * resolving with the tarballs' absolute paths (protocol first). Until the packages are on the
 * registry, these are what a bot project installs.
 */
export async function packSdk(destination: string): Promise<string[]> {
  const folder = resolve(destination);
  mkdirSync(folder, { recursive: true });
  const { root, sdkPackages } = checkoutPaths;
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  await runCommand(process.execPath, [tsc, "-b", ...sdkPackages], { cwd: root });
  const workspaces = sdkPackages.flatMap((path) => ["-w", path]);
  const output = await runCommand(
    "npm",
    ["pack", "--json", "--pack-destination", folder, ...workspaces],
    { cwd: root },
  );
  return packOutputSchema.parse(JSON.parse(output)).map((packed) => join(folder, packed.filename));
}
