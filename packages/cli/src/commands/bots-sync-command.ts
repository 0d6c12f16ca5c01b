import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { withPlatform } from "../local-platform.js";

/** `parlor bots sync`: fetch a bot's settings now, as the "sync settings" button does. */
export function registerBotsSyncCommand(bots: Command): void {
  bots
    .command("sync <handle>")
    .description("Fetch a bot's settings from its server and show the main ones")
    .action((handle: string) =>
      withPlatform(async (platform) => {
        const bot = await platform.store.bots.findByHandle(handle);
        if (!bot) throw new CliError(`No bot with the handle ${handle}`);
        const settings = platform.registry.settingsOf(await platform.bots.syncSettings(bot));
        const dependencies = Object.entries(settings.server_bot_dependencies).map(
          ([name, calls]) => `${name} (${calls} per message)`,
        );
        console.log(`Synced the settings of ${bot.handle}`);
        console.log(`Introduction message: ${settings.introduction_message ?? "(none)"}`);
        console.log(`Dependencies: ${dependencies.join(", ") || "(none)"}`);
      }),
    );
}
