import type { Command } from "commander";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { confirmAction } from "../confirm-action.js";
import { formatTime, printJson, printTable } from "../print-output.js";

/** `parlor bots list|delete`: every bot on the platform, whoever owns it. */
export function registerBotsAdminCommands(bots: Command): void {
  withAdminOptions(
    bots
      .command("list")
      .description("List every bot with its owner, newest first")
      .option("--search <text>", "only handles or names that contain this"),
  ).action((options: AdminOptions & { search?: string }) =>
    withAdminClient(options, async (client) => {
      const listed = await client.listBots(options.search);
      if (options.json) return printJson({ bots: listed });
      printTable(
        ["HANDLE", "NAME", "KIND", "VISIBILITY", "OWNER", "CREATED", "SERVER URL"],
        listed.map((bot) => [
          bot.handle,
          bot.display_name,
          bot.kind,
          bot.hidden ? `${bot.visibility}, hidden` : bot.visibility,
          bot.owner_email,
          formatTime(bot.created_at),
          bot.server_url ?? "-",
        ]),
        "No bots.",
      );
    }),
  );

  withAdminOptions(
    bots
      .command("delete <handle>")
      .description("Delete a bot, whoever owns it, with its call log")
      .option("--yes", "confirm without asking"),
  ).action((handle: string, options: AdminOptions & { yes?: boolean }) =>
    withAdminClient(options, async (client) => {
      await confirmAction(
        `Deleting the bot ${handle} cannot be undone`,
        handle,
        options.yes ?? false,
      );
      await client.deleteBot(handle);
      if (options.json) return printJson({ ok: true, handle });
      console.log(`Deleted the bot ${handle}`);
    }),
  );
}
