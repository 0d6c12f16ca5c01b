import { fileURLToPath } from "node:url";

// This file sits at packages/cli/{src,dist}/bot/, so the checkout is four levels up either way.
const root = new URL("../../../../", import.meta.url);

/**
 * The Parlor checkout the CLI runs from, and what `parlor bot` needs of it: until the SDK and
 * the CLI are published, new bot projects get their packages from here.
 */
export const checkoutPaths = {
  root: fileURLToPath(root),
  /** The SDK's packages, packed into tarballs for bot projects. */
  sdkPackages: ["packages/protocol", "packages/sdk"],
  /** The CLI's entry point, which a bot project's `parlor` command runs. */
  cliBin: fileURLToPath(new URL("packages/cli/bin/parlor.js", root)),
  /** The bot project templates. */
  templates: fileURLToPath(new URL("packages/cli/templates/", root)),
};
