import { Command } from "commander";
import { errorLine, exitCodeOf } from "./cli-error.js";
import { registerBotsCheckCommand } from "./commands/bots-check-command.js";
import { registerBotsCreateCommand } from "./commands/bots-create-command.js";
import { registerBotsSyncCommand } from "./commands/bots-sync-command.js";
import { registerChatCommand } from "./commands/chat-command.js";
import { registerKeysCreateCommand } from "./commands/keys-create-command.js";
import { registerStartCommand } from "./commands/start-command.js";
import { registerUsersCreateCommand } from "./commands/users-create-command.js";

/** `parlor`: one program, a subcommand per task; every command calls the platform's services. */
const program = new Command()
  .name("parlor")
  .description("Parlor: an open, self-hostable platform for Poe-protocol chatbots")
  .showHelpAfterError();

registerStartCommand(program);
registerUsersCreateCommand(program.command("users").description("Manage accounts"));
registerKeysCreateCommand(program.command("keys").description("Manage user API keys"));
const bots = program.command("bots").description("Register, sync and check server bots");
registerBotsCreateCommand(bots);
registerBotsSyncCommand(bots);
registerBotsCheckCommand(bots);
registerChatCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // One line a person can act on; details such as stacks are for bug reports, not users.
  console.error(`parlor: ${errorLine(error)}`);
  process.exitCode = exitCodeOf(error);
}
