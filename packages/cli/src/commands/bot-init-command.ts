import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { handleFromFolder, isValidHandle } from "../bot/bot-handle.js";
import { BOT_TEMPLATES, isBotTemplate } from "../bot/bot-templates.js";
import { createBotProject } from "../bot/create-bot-project.js";

/** `parlor bot init`: a new bot project, ready for `npm install && npm test`. */
export function registerBotInitCommand(bot: Command): void {
  bot
    .command("init <folder>")
    .description("Make a new bot project: TypeScript, a test, and scripts to run it")
    .option(
      "-t, --template <name>",
      `what the bot does: ${Object.keys(BOT_TEMPLATES).join(", ")}`,
      "echo",
    )
    .option("--handle <handle>", "the bot's handle on the platform (default: the folder's name)")
    .action(async (folder: string, options: { template: string; handle?: string }) => {
      if (!isBotTemplate(options.template)) {
        throw new CliError(
          `No template ${options.template}; choose one of ${Object.keys(BOT_TEMPLATES).join(", ")}`,
        );
      }
      const handle = options.handle ?? handleFromFolder(folder);
      if (!isValidHandle(handle)) {
        throw new CliError(
          `"${handle}" cannot be a bot handle (2–50 letters, digits, - or _); pass --handle`,
        );
      }
      const files = await createBotProject({ folder, template: options.template, handle });
      console.log(`Made the ${options.template} bot @${handle} in ${folder}:`);
      for (const file of files) console.log(`  ${file}`);
      console.log(`Next: cd ${folder} && npm install && npm test, then npx parlor bot dev`);
    });
}
