import { Command } from "commander";
import { errorLine, exitCodeOf } from "./cli-error.js";
import { cliVersion } from "./cli-version.js";
import { registerBotDevCommand } from "./commands/bot-dev-command.js";
import { registerBotInitCommand } from "./commands/bot-init-command.js";
import { registerBotTestCommand } from "./commands/bot-test-command.js";
import { registerBotPackCommand } from "./commands/bot-pack-command.js";
import { registerBotsAdminCommands } from "./commands/bots-admin-commands.js";
import { registerBotsCheckCommand } from "./commands/bots-check-command.js";
import { registerBotsCreateCommand } from "./commands/bots-create-command.js";
import { registerBotsSyncCommand } from "./commands/bots-sync-command.js";
import { registerChatCommand } from "./commands/chat-command.js";
import { registerInvitesCreateCommand } from "./commands/invites-create-command.js";
import { registerKeysCommands } from "./commands/keys-commands.js";
import { registerMigrateCommand } from "./commands/migrate-command.js";
import { registerSignupPolicyCommand } from "./commands/signup-policy-command.js";
import { registerStartCommand } from "./commands/start-command.js";
import { registerUsersCreateCommand } from "./commands/users-create-command.js";
import { registerUsersDeleteCommand } from "./commands/users-delete-command.js";
import { registerUsersListCommand } from "./commands/users-list-command.js";
import { registerUsersResetPasswordCommand } from "./commands/users-reset-password-command.js";
import { registerUsersStandingCommands } from "./commands/users-standing-commands.js";

/**
 * `parlor`: one program, a subcommand per task. Admin commands go through the platform's HTTP
 * API, remote (`--url`) or in-process on this machine's database; `start`, `users create`,
 * `bots create|sync|check` and `chat` call the platform's services on this machine.
 */
const program = new Command()
  .name("parlor")
  .description("Parlor: an open, self-hostable platform for Poe-protocol chatbots")
  .version(cliVersion(), "-V, --version", "print the version")
  .showHelpAfterError()
  // Usage errors read like every other error: `parlor: <what is wrong>`, then the help.
  .configureOutput({
    outputError: (message, write) => write(`parlor: ${message.replace(/^error: /, "")}`),
  });

registerStartCommand(program);
registerMigrateCommand(program);
const users = program.command("users").description("Manage accounts");
registerUsersListCommand(users);
registerUsersCreateCommand(users);
registerUsersStandingCommands(users);
registerUsersDeleteCommand(users);
registerUsersResetPasswordCommand(users);
registerKeysCommands(program.command("keys").description("Manage user API keys"));
const bots = program.command("bots").description("Register, sync, check, list and delete bots");
registerBotsCreateCommand(bots);
registerBotsSyncCommand(bots);
registerBotsCheckCommand(bots);
registerBotsAdminCommands(bots);
const bot = program
  .command("bot")
  .description("Make, run and check a bot project (run in the project's folder)");
registerBotInitCommand(bot);
registerBotPackCommand(bot);
registerBotDevCommand(bot);
registerBotTestCommand(bot);
registerSignupPolicyCommand(program);
registerInvitesCreateCommand(program.command("invites").description("Sign-up invite links"));
registerChatCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // One line a person can act on; details such as stacks are for bug reports, not users.
  console.error(`parlor: ${errorLine(error)}`);
  process.exitCode = exitCodeOf(error);
}
