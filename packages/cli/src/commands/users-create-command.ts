import type { Command } from "commander";
import { withPlatform } from "../with-platform.js";

/** `parlor users create`: make an account (the platform's first account is always an admin). */
export function registerUsersCreateCommand(users: Command): void {
  users
    .command("create")
    .description("Create an account; the first account on a platform is an admin")
    .requiredOption("--email <email>", "the account's email, used to sign in")
    .requiredOption("--password <password>", "at least 8 characters")
    .option("--admin", "make the account an admin")
    .action((options: { email: string; password: string; admin?: boolean }) =>
      withPlatform(async (platform) => {
        const user = await platform.accounts.signUp(options.email, options.password, {
          admin: options.admin ?? false,
        });
        console.log(`Created ${user.role} ${user.email} (${user.id})`);
      }),
    );
}
