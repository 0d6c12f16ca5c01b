import { Option, type Command } from "commander";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { printJson } from "../print-output.js";
import { passwordOnCommandLine, readNewPassword } from "../read-password.js";

/** `parlor users reset-password`: a new password for someone, which signs them out everywhere. */
export function registerUsersResetPasswordCommand(users: Command): void {
  withAdminOptions(
    users
      .command("reset-password <email>")
      .description("Set a new password for an account; its sessions end")
      .option("--password-stdin", "read the password from stdin instead of a prompt")
      .addOption(new Option("--password <password>").hideHelp()),
  ).action(
    (email: string, options: AdminOptions & { passwordStdin?: boolean; password?: string }) => {
      if (options.password !== undefined) throw passwordOnCommandLine();
      return withAdminClient(options, async (client) => {
        const user = await client.findUser(email);
        await client.resetPassword(user, await readNewPassword(options.passwordStdin ?? false));
        if (options.json) printJson({ ok: true, user });
        else console.log(`New password set for ${user.email}; their sessions have ended`);
      });
    },
  );
}
