import type { Command } from "commander";
import { actorByEmail } from "../find-actor.js";
import { withPlatform } from "../with-platform.js";

/** `parlor keys create`: a user API key for the HTTP, Poe-compatible and OpenAI-compatible APIs. */
export function registerKeysCreateCommand(keys: Command): void {
  keys
    .command("create")
    .description("Create an API key for a user; it is printed once and only its hash is kept")
    .requiredOption("--email <email>", "the user the key acts as")
    .option("--name <name>", "a label to tell keys apart", "CLI key")
    .action((options: { email: string; name: string }) =>
      withPlatform(async (platform) => {
        const actor = await actorByEmail(platform, options.email);
        const created = await platform.accounts.createApiKey(actor.userId, options.name);
        console.log(
          `API key "${options.name}" for ${actor.email}; store it now, it is not shown again:`,
        );
        console.log(created.key);
      }),
    );
}
