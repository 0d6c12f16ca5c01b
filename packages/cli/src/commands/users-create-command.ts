import { Option, type Command } from "commander";
import { CliError } from "../cli-error.js";
import { cliEnvironment } from "../cli-environment.js";
import { withPlatform } from "../local-platform.js";
import { printJson } from "../print-output.js";
import { passwordOnCommandLine, readNewPassword } from "../read-password.js";

interface UsersCreateOptions {
  email: string;
  admin?: boolean;
  passwordStdin?: boolean;
  password?: string;
  url?: string;
  json?: boolean;
}

/**
 * `parlor users create`: make an account on this machine's platform, as its operator (the
 * platform's first account is always an admin, which is how a new platform gets its admin).
 * It calls the accounts service directly: there is no API to create an account for someone
 * else, and sign-up follows the sign-up policy and logs in, which is not what is asked here.
 */
export function registerUsersCreateCommand(users: Command): void {
  users
    .command("create")
    .description("Create an account on this machine's platform; the first account is an admin")
    .requiredOption("--email <email>", "the account's email, used to sign in")
    .option("--admin", "make the account an admin")
    .option("--password-stdin", "read the password from stdin instead of a prompt")
    .option("--json", "print JSON for scripts instead of text")
    .addOption(new Option("--password <password>").hideHelp())
    // Taken only to say what to do instead: there is no API to create someone's account.
    .addOption(new Option("--url <url>").hideHelp())
    .addOption(new Option("--api-key <key>").hideHelp())
    .action(async (options: UsersCreateOptions) => {
      if (options.password !== undefined) throw passwordOnCommandLine();
      if (options.url ?? cliEnvironment().url) {
        throw new CliError(
          "Over --url, people create their own accounts: make an invite with `parlor invites create --url …` and send them its link",
        );
      }
      await withPlatform(async (platform) => {
        // Asked once the database is known to be there, so nobody types a password in vain.
        const password = await readNewPassword(options.passwordStdin ?? false);
        const user = await platform.accounts.signUp(options.email, password, {
          admin: options.admin ?? false,
        });
        if (options.json) printJson({ user });
        else console.log(`Created ${user.role} ${user.email} (${user.id})`);
      });
    });
}
