import type { Command } from "commander";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { confirmAction } from "../confirm-action.js";
import { printJson } from "../print-output.js";

/** `parlor users delete`: remove an account with everything it owns, once confirmed. */
export function registerUsersDeleteCommand(users: Command): void {
  withAdminOptions(
    users
      .command("delete <email>")
      .description("Delete an account with its conversations, API keys and bots")
      .option("--yes", "confirm without asking"),
  ).action((email: string, options: AdminOptions & { yes?: boolean }) =>
    withAdminClient(options, async (client) => {
      const user = await client.findUser(email);
      await confirmAction(
        `Deleting ${user.email} deletes its conversations, API keys and bots`,
        user.email,
        options.yes ?? false,
      );
      await client.deleteUser(user);
      if (options.json) printJson({ ok: true, deleted: user });
      else console.log(`Deleted ${user.email} with its conversations, API keys and bots`);
    }),
  );
}
