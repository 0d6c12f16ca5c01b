import type { Actor } from "../auth/accounts.js";
import type { BotRegistry } from "../bots/bot-registry.js";
import { InvalidRequestError, NotFoundError } from "../errors.js";
import type { Store } from "../store/store.js";
import { anonymousUserId } from "./build-query-request.js";
import type { ChatService } from "./chat-service.js";

/** Feedback and reactions: stored with the reply and forwarded to the bot (best-effort). */
export function createFeedbackService(deps: {
  store: Store;
  registry: BotRegistry;
  chat: ChatService;
  secret: string;
}) {
  async function target(actor: Actor, messageId: string) {
    const { message, conversation } = await deps.chat.ownMessage(actor, messageId);
    if (message.role !== "bot") throw new InvalidRequestError("Feedback goes on bot replies");
    // The bot that wrote the reply: a mentioned one, or the conversation's.
    const bot = await deps.store.bots.findById(message.bot_id ?? conversation.bot_id);
    if (!bot) throw new NotFoundError("Bot");
    const ids = {
      version: "1.2",
      message_id: message.id,
      user_id: anonymousUserId(deps.secret, actor.userId, bot.id),
      conversation_id: message.context_id,
    };
    return { message, runner: deps.registry.runnerFor(bot), ids };
  }
  return {
    async feedback(actor: Actor, messageId: string, type: "like" | "dislike") {
      const { runner, ids } = await target(actor, messageId);
      await deps.store.messages.update(messageId, { feedback: type });
      void runner.report({ ...ids, type: "report_feedback", feedback_type: type });
    },
    async reaction(actor: Actor, messageId: string, reaction: string) {
      const { runner, ids } = await target(actor, messageId);
      await deps.store.messages.update(messageId, { reaction });
      void runner.report({ ...ids, type: "report_reaction", reaction });
    },
  };
}

/** The feedback service. */
export type FeedbackService = ReturnType<typeof createFeedbackService>;
