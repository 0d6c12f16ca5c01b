import type { Command } from "commander";
import type { AdminUser } from "../admin/admin-schemas.js";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { userStatus } from "../admin/user-status.js";
import { printJson } from "../print-output.js";

/** Prints an account after a change: JSON, or one line saying what it is now. */
function printUser(user: AdminUser, json: boolean | undefined): void {
  if (json) printJson({ user });
  else
    console.log(
      `${user.email} is now ${user.role === "admin" ? "an admin" : "a user"}, ${userStatus(user)}`,
    );
}

/**
 * `parlor users disable|enable|set-admin`: whether an account can sign in, and its role.
 * Disabling ends its sessions and stops its API keys at once; enabling also approves an
 * account that waits for approval.
 */
export function registerUsersStandingCommands(users: Command): void {
  withAdminOptions(
    users.command("disable <email>").description("Stop an account signing in (its keys stop too)"),
  ).action((email: string, options: AdminOptions) =>
    withAdminClient(options, async (client) => {
      const user = await client.findUser(email);
      printUser(await client.updateUser(user, { disabled: true }), options.json);
    }),
  );

  withAdminOptions(
    users
      .command("enable <email>")
      .description("Let a disabled account sign in again, or approve one that waits"),
  ).action((email: string, options: AdminOptions) =>
    withAdminClient(options, async (client) => {
      const user = await client.findUser(email);
      const changes = userStatus(user) === "pending" ? { approved: true } : { disabled: false };
      printUser(await client.updateUser(user, changes), options.json);
    }),
  );

  withAdminOptions(
    users
      .command("set-admin <email>")
      .description("Make an account an admin (--remove: a regular user again)")
      .option("--remove", "take the admin role away instead"),
  ).action((email: string, options: AdminOptions & { remove?: boolean }) =>
    withAdminClient(options, async (client) => {
      const user = await client.findUser(email);
      const role = options.remove ? "user" : "admin";
      printUser(await client.updateUser(user, { role }), options.json);
    }),
  );
}
