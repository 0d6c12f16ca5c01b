import type { Command } from "commander";
import { actorByEmail } from "../find-actor.js";
import { withPlatform } from "../local-platform.js";

interface BotsCreateOptions {
  owner: string;
  name: string;
  serverUrl: string;
  accessKey?: string;
  displayName?: string;
  description?: string;
  private?: boolean;
}

/** `parlor bots create`: register a server bot, as the web form does, and print its access key. */
export function registerBotsCreateCommand(bots: Command): void {
  bots
    .command("create")
    .description("Register a server bot and print its access key")
    .requiredOption("--owner <email>", "the account that owns the bot")
    .requiredOption("--name <handle>", "the bot's handle, as in /bot/<handle>")
    .requiredOption("--server-url <url>", "where the bot server answers Poe-protocol requests")
    .option("--access-key <key>", "the bot's 32-character key (default: a new one)")
    .option("--display-name <name>", "the name users see (default: the handle)")
    .option("--description <text>", "what the bot does")
    .option("--private", "only the owner can use the bot")
    .action((options: BotsCreateOptions) =>
      withPlatform(async (platform) => {
        const owner = await actorByEmail(platform, options.owner);
        const { bot, accessKey } = await platform.bots.createServerBot(owner, {
          handle: options.name,
          server_url: options.serverUrl,
          visibility: options.private ? "private" : "public",
          ...(options.accessKey ? { access_key: options.accessKey } : {}),
          ...(options.displayName ? { display_name: options.displayName } : {}),
          ...(options.description ? { description: options.description } : {}),
        });
        console.log(
          `Created ${bot.visibility} bot ${bot.handle} for ${owner.email} → ${options.serverUrl}`,
        );
        console.log(`Access key: ${accessKey}`);
        if (!bot.settings_fetched_at) {
          console.error(
            `Settings not fetched: the bot did not answer; run "parlor bots sync ${bot.handle}" once it is up`,
          );
        }
      }),
    );
}
