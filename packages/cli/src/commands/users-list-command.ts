import type { Command } from "commander";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { userStatus } from "../admin/user-status.js";
import { formatTime, printJson, printTable } from "../print-output.js";

/** `parlor users list`: every account with its role and whether it can sign in. */
export function registerUsersListCommand(users: Command): void {
  withAdminOptions(
    users
      .command("list")
      .description("List accounts, newest first")
      .option("--search <text>", "only emails that contain this"),
  ).action((options: AdminOptions & { search?: string }) =>
    withAdminClient(options, async (client) => {
      const listed = await client.listUsers(options.search);
      if (options.json) return printJson({ users: listed });
      printTable(
        ["EMAIL", "ROLE", "STATUS", "CREATED", "ID"],
        listed.map((user) => [
          user.email,
          user.role,
          userStatus(user),
          formatTime(user.created_at),
          user.id,
        ]),
        "No accounts.",
      );
    }),
  );
}
