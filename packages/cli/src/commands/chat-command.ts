import { createInterface } from "node:readline";
import type { Command } from "commander";
import type { Actor, Platform } from "@parlor/server";
import { actorByEmail, firstAdmin } from "../find-actor.js";
import { streamReply } from "../stream-reply.js";
import { withPlatform } from "../local-platform.js";

const HELP = "/reset starts a new context, /quit (or Ctrl-D) exits";

/** One conversation, with the reply currently streaming so Ctrl-C can stop it. */
interface Session {
  platform: Platform;
  actor: Actor;
  conversationId: string;
  running?: string;
}

/** Sends one message and prints the reply as it streams, then its suggested replies. */
async function say(session: Session, content: string): Promise<boolean> {
  const { platform, actor, conversationId } = session;
  const { botMessage } = await platform.chat.sendMessage(actor, conversationId, { content });
  session.running = botMessage.id;
  const outcome = await streamReply(platform.log, botMessage.id, {
    write: (text) => process.stdout.write(text),
  });
  session.running = undefined;
  if (outcome.status !== "complete") {
    console.error(`(${outcome.status}) ${outcome.error ?? "the reply did not finish"}`);
  }
  for (const suggestion of outcome.suggestedReplies) console.log(`→ ${suggestion}`);
  return outcome.status === "complete";
}

/** Reads lines until /quit or end of input; chrome (banner, prompt) only on a terminal. */
async function converse(session: Session, banner: string): Promise<void> {
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const lines = createInterface({
    input: process.stdin,
    ...(terminal ? { output: process.stdout, terminal: true } : { terminal: false }),
  });
  lines.setPrompt("you> ");
  lines.on("SIGINT", () => {
    if (session.running) void session.platform.chat.stop(session.actor, session.running);
    else lines.close();
  });
  const prompt = () => terminal && lines.prompt();
  if (terminal) console.log(banner);
  prompt();
  for await (const line of lines) {
    const content = line.trim();
    if (content === "/quit") break;
    if (content === "/reset") {
      await session.platform.chat.resetContext(session.actor, session.conversationId);
      console.log("Context reset: the bot no longer sees the earlier messages.");
    } else if (content === "/help") {
      console.log(HELP);
    } else if (content) {
      await say(session, content);
    }
    prompt();
  }
  lines.close();
}

/** `parlor chat`: talk to a bot from the terminal, through the platform's services in-process. */
export function registerChatCommand(program: Command): void {
  program
    .command("chat <bot>")
    .description("Chat with a bot from the terminal (reads lines from stdin)")
    .option("--email <email>", "chat as this user (default: the first admin)")
    .option("--message <text>", "send one message, print the reply and exit")
    .action((handle: string, options: { email?: string; message?: string }) =>
      withPlatform(async (platform) => {
        const actor = options.email
          ? await actorByEmail(platform, options.email)
          : await firstAdmin(platform);
        const conversation = await platform.chat.createConversation(actor, handle);
        const session: Session = { platform, actor, conversationId: conversation.id };
        if (options.message !== undefined) {
          if (!(await say(session, options.message))) process.exitCode = 1;
          return;
        }
        const bot = await platform.bots.usable(actor, handle);
        const greeting = bot.greeting ?? platform.registry.settingsOf(bot).introduction_message;
        const banner = `Chatting with ${bot.display_name} as ${actor.email}; ${HELP}.`;
        await converse(session, greeting ? `${banner}\n${greeting}` : banner);
      }),
    );
}
