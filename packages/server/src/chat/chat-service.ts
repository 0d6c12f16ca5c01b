import type { Drain } from "../relay/drain.js";
import { createIdentifier, type QueryRequest } from "@parlor/protocol";
import type { Actor } from "../auth/accounts.js";
import { authorize, botResource } from "../auth/authorize.js";
import { randomToken } from "../auth/tokens.js";
import type { BotRegistry } from "../bots/bot-registry.js";
import type { BotsService } from "../bots/bots-service.js";
import { checkUserText } from "../input/check-user-text.js";
import { TEXT_LIMITS } from "../input/text-limits.js";
import { invalidField, InvalidRequestError, NotFoundError } from "../errors.js";
import type { DispatchOutcome } from "../relay/dispatch-reply.js";
import type { GenerationLog } from "../relay/generation-log.js";
import type { LiveQueries } from "../relay/live-queries.js";
import { createFileUrlRenewer } from "../poe-api/files/file-url-renewer.js";
import { createCheckpoints } from "../relay/checkpoints.js";
import { runGeneration, type GenerationDeps } from "../relay/run-generation.js";
import type { BotRow } from "../store/bots-store.js";
import type { ConversationRow, ConversationWithBot } from "../store/conversations-store.js";
import type { Page, PageRequest } from "../store/list-page.js";
import type { MessageRow } from "../store/messages-store.js";
import type { Store } from "../store/store.js";
import {
  anonymousUserId,
  buildQueryRequest,
  historyFor,
  type AttachmentResolver,
  type StoredAttachment,
} from "./build-query-request.js";
import { leadingMention } from "./leading-mention.js";
import type { ReplyAuthor } from "./other-bot-reply.js";
import { replyParent } from "./reply-parent.js";

/** What a user sends. */
export interface MessageInput {
  content: string;
  /** Ids of the user's uploads (POST /api/files). */
  attachments?: unknown;
  parameters?: Record<string, unknown>;
  /**
   * The message this one follows: a finished bot reply of the current context, or null for a
   * new first message (editing the first one). Left out: the context's last message.
   */
  parentId?: string | null | undefined;
}

/**
 * Decides, once the conversation and the answering bot (the conversation's, or a mentioned one)
 * are known and before anything is stored, whether a message may go to that bot; throws to
 * refuse (the HTTP API charges its rate limits here).
 */
export type AdmitMessage = (conversation: ConversationRow, bot: BotRow) => Promise<void>;

/** Conversations, messages and the replies they start. */
export function createChatService(deps: {
  store: Store;
  registry: BotRegistry;
  bots: BotsService;
  log: GenerationLog;
  liveQueries: LiveQueries;
  generation: Omit<GenerationDeps, "store" | "log" | "checkpoints" | "onRefetchSettings">;
  /** A checkpoint could not be saved (the reply goes on; its final state is stored as usual). */
  onCheckpointError?: (error: unknown) => void;
  secret: string;
  /** The instance's drain: no new replies once it began; its cut ends running ones. */
  drain: Drain;
  resolveAttachment: AttachmentResolver;
  loadAttachments: (actor: Actor, fileIds: unknown) => Promise<StoredAttachment[]>;
  clock?: () => number;
}) {
  const { store, registry, log } = deps;
  const clock = deps.clock ?? Date.now;
  const inFlight = new Set<Promise<DispatchOutcome>>();
  const fileUrlRenewer = createFileUrlRenewer({ store, secret: deps.secret, clock });
  const checkpoints = createCheckpoints(store, {
    clock,
    ...(deps.onCheckpointError ? { onError: deps.onCheckpointError } : {}),
  });

  async function ownConversation(actor: Actor, id: string): Promise<ConversationRow> {
    const conversation = await store.conversations.findById(id);
    if (
      !conversation ||
      !authorize(actor, "read", { kind: "conversation", ownerId: conversation.user_id })
    ) {
      throw new NotFoundError("Conversation");
    }
    return conversation;
  }

  async function ownMessage(
    actor: Actor,
    id: string,
  ): Promise<{ message: MessageRow; conversation: ConversationRow }> {
    const message = await store.messages.findById(id);
    const conversation = message && (await store.conversations.findById(message.conversation_id));
    if (
      !message ||
      !conversation ||
      !authorize(actor, "read", { kind: "message", ownerId: conversation.user_id })
    ) {
      throw new NotFoundError("Message");
    }
    return { message, conversation };
  }

  /**
   * The conversation's bot (or `botId`, a mentioned one), if the actor may still use it: a bot
   * made private or hidden since takes no new messages from those it no longer serves.
   */
  async function usableBotOf(
    actor: Actor,
    conversation: ConversationRow,
    botId?: string | null,
  ): Promise<BotRow> {
    const bot = await store.bots.findById(botId ?? conversation.bot_id);
    if (!bot || !authorize(actor, "use", botResource(bot))) throw new NotFoundError("Bot");
    return bot;
  }

  /**
   * The bot a message is for: the one its leading `@Handle` names, else the conversation's. A
   * mention of no bot the actor may use is refused, not sent as text to the conversation's bot:
   * the user meant a bot, and should learn the handle is wrong rather than get an odd answer.
   */
  async function addresseeOf(
    actor: Actor,
    conversation: ConversationRow,
    content: string,
  ): Promise<BotRow> {
    const handles = leadingMention(content);
    if (handles.length === 0) return usableBotOf(actor, conversation);
    for (const handle of handles) {
      const bot = await store.bots.findByHandle(handle);
      if (bot && authorize(actor, "use", botResource(bot))) return bot;
    }
    throw invalidField(
      "content",
      `There is no bot @${handles[0]} you can use. Check the handle, or start the message with a space to send it as text`,
    );
  }

  /** The bots that wrote the replies of a history, by id (one cached lookup each). */
  async function replyAuthors(
    conversation: ConversationRow,
    messages: readonly MessageRow[],
  ): Promise<(reply: MessageRow) => ReplyAuthor> {
    const ids = new Set([conversation.bot_id]);
    for (const message of messages) if (message.bot_id) ids.add(message.bot_id);
    const handles = new Map<string, string>();
    for (const id of ids) {
      const bot = await store.bots.findById(id);
      // A mentioned bot deleted since is still someone else than the bot being asked.
      handles.set(id, bot?.handle ?? "deleted-bot");
    }
    return (reply) => {
      const id = reply.bot_id ?? conversation.bot_id;
      return { id, handle: handles.get(id) ?? "deleted-bot" };
    };
  }

  const newMessage = (
    conversation: ConversationRow,
    fields: Partial<MessageRow> & Pick<MessageRow, "role">,
  ): MessageRow => {
    const now = clock();
    return {
      id: createIdentifier("m"),
      conversation_id: conversation.id,
      parent_id: null,
      context_id: conversation.context_id,
      content: "",
      content_type: "text/markdown",
      status: "complete",
      error_text: null,
      error_allow_retry: null,
      suggested_replies_json: "[]",
      files_json: "[]",
      attachments_json: "[]",
      metadata: null,
      parameters_json: "{}",
      feedback: null,
      reaction: null,
      bot_id: null,
      created_at: now,
      updated_at: now,
      input_tokens: null,
      output_tokens: null,
      cost_usd: null,
      ...fields,
    };
  };

  /** Starts the reply `botMessage` (already stored as streaming) to the history ending at its parent. */
  async function startReply(
    actor: Actor,
    conversation: ConversationRow,
    bot: BotRow,
    botMessage: MessageRow,
    /** The conversation's messages when the caller already has them (saves a query). */
    known?: MessageRow[],
  ): Promise<void> {
    const messages = known ?? (await store.messages.listForConversation(conversation.id));
    const settings = registry.settingsOf(bot);
    const history = historyFor(
      messages,
      botMessage.parent_id!,
      botMessage.context_id,
      bot.memory_last_n,
    );
    const renew = await fileUrlRenewer(
      conversation.id,
      messages.map((message) => message.content),
    );
    // The reply's own context, not the conversation's current one: a reply regenerated after
    // a reset belongs to the old context, and would otherwise be sent an empty history.
    const request: QueryRequest = buildQueryRequest({
      history,
      settings,
      userId: anonymousUserId(deps.secret, actor.userId, bot.id),
      conversationId: botMessage.context_id,
      botMessageId: botMessage.id,
      botQueryId: randomToken(24),
      resolveAttachment: deps.resolveAttachment,
      renewFileUrls: renew,
      recipient: { id: bot.id, handle: bot.handle },
      authorOf: await replyAuthors(conversation, history),
    });
    // While it answers, the bot may call the bots it declared, on this user's behalf.
    await deps.liveQueries.register({
      botQueryId: request.bot_query_id,
      botId: bot.id,
      botHandle: bot.handle,
      userId: actor.userId,
      messageId: botMessage.id,
      dependencies: Object.fromEntries(
        Object.entries(settings.server_bot_dependencies).map(([name, count]) => [
          name.toLowerCase(),
          count,
        ]),
      ),
      path: [bot.handle],
    });
    const running = runGeneration(
      {
        ...deps.generation,
        store,
        log,
        checkpoints,
        cut: deps.drain.signal,
        onRefetchSettings: () => deps.bots.refetchSoon(bot),
      },
      { runner: registry.runnerFor(bot), botId: bot.id, userId: actor.userId },
      request,
    );
    inFlight.add(running);
    deps.drain.track(running);
    void running.finally(() => {
      inFlight.delete(running);
      deps.liveQueries.unregister(request.bot_query_id);
    });
  }

  return {
    async createConversation(actor: Actor, botHandle: string): Promise<ConversationRow> {
      const bot = await deps.bots.usable(actor, botHandle);
      const now = clock();
      const conversation: ConversationRow = {
        id: `conv_${randomToken(12)}`,
        user_id: actor.userId,
        bot_id: bot.id,
        title: bot.display_name,
        context_id: createIdentifier("c"),
        created_at: now,
        updated_at: now,
      };
      await store.conversations.insert(conversation);
      return conversation;
    },

    /** The actor's conversations with their bots, most recently updated first. */
    listConversations: (
      actor: Actor,
      page: PageRequest & { titleContains?: string | undefined },
    ): Promise<Page<ConversationWithBot>> => store.conversations.listForUser(actor.userId, page),

    async getConversation(actor: Actor, id: string) {
      const conversation = await ownConversation(actor, id);
      return { conversation, messages: await store.messages.listForConversation(id) };
    },

    async deleteConversation(actor: Actor, id: string): Promise<void> {
      await ownConversation(actor, id);
      // A reply still being written would keep its bot working (up to 10 minutes) for nobody.
      for (const message of await store.messages.listForConversation(id))
        if (message.status === "streaming")
          await log.stop(message.id, "The conversation was deleted");
      await store.conversations.delete(id);
    },

    /**
     * Sends a user message and starts the bot's reply. Both rows go in with one statement; the
     * reply's final state is the second write of the turn (plus checkpoints for long replies).
     */
    async sendMessage(
      actor: Actor,
      conversationId: string,
      input: MessageInput,
      admit?: AdmitMessage,
    ) {
      const conversation = await ownConversation(actor, conversationId);
      if (typeof input.content !== "string" || input.content.trim() === "") {
        throw invalidField("content", "content is empty: a message needs some text");
      }
      checkUserText("content", input.content, TEXT_LIMITS.messageContent);
      const bot = await addresseeOf(actor, conversation, input.content);
      deps.drain.admit();
      await admit?.(conversation, bot);
      const attachments = await deps.loadAttachments(actor, input.attachments);
      if (attachments.length > 0 && !registry.settingsOf(bot).allow_attachments) {
        throw invalidField("attachments", `${bot.display_name} does not accept attachments`);
      }
      const messages = await store.messages.listForConversation(conversationId);
      const userMessage = newMessage(conversation, {
        role: "user",
        content: input.content,
        parent_id: replyParent(messages, conversation.context_id, input.parentId),
        attachments_json: JSON.stringify(attachments),
        parameters_json: JSON.stringify(input.parameters ?? {}),
      });
      const botMessage = newMessage(conversation, {
        role: "bot",
        parent_id: userMessage.id,
        status: "streaming",
        bot_id: bot.id === conversation.bot_id ? null : bot.id,
        created_at: userMessage.created_at + 1,
      });
      // The first message names the conversation; every message moves it up the list.
      const changes =
        messages.length === 0
          ? { title: input.content.slice(0, 80), updated_at: clock() }
          : { updated_at: clock() };
      await store.messages.insertMany([userMessage, botMessage], { id: conversation.id, changes });
      const known = [...messages, userMessage, botMessage];
      await startReply(actor, conversation, bot, botMessage, known);
      return { userMessage, botMessage };
    },

    /** A new reply to the same user message, by the same bot, as a sibling of the old one. */
    async regenerate(actor: Actor, botMessageId: string, admit?: AdmitMessage) {
      const { message, conversation } = await ownMessage(actor, botMessageId);
      if (message.role !== "bot" || !message.parent_id)
        throw new InvalidRequestError("Only a bot reply can be regenerated");
      if (await log.isRunning(message.id))
        throw new InvalidRequestError("That reply is still being written");
      const bot = await usableBotOf(actor, conversation, message.bot_id);
      deps.drain.admit();
      await admit?.(conversation, bot);
      const botMessage = newMessage(conversation, {
        role: "bot",
        parent_id: message.parent_id,
        status: "streaming",
        context_id: message.context_id,
        bot_id: message.bot_id,
      });
      await store.messages.insert(botMessage);
      await startReply(actor, conversation, bot, botMessage);
      return botMessage;
    },

    async stop(actor: Actor, messageId: string): Promise<boolean> {
      await ownMessage(actor, messageId);
      return log.stop(messageId);
    },

    /** Gives a conversation a new title (already checked: 1–200 characters, trimmed). */
    async renameConversation(
      actor: Actor,
      conversationId: string,
      title: string,
    ): Promise<ConversationRow> {
      const conversation = await ownConversation(actor, conversationId);
      // Not its activity: a rename does not move the conversation up the list.
      await store.conversations.update(conversation.id, { title });
      return { ...conversation, title };
    },

    /** Starts a new context: earlier messages stay visible but are no longer sent to the bot. */
    async resetContext(actor: Actor, conversationId: string): Promise<ConversationRow> {
      const conversation = await ownConversation(actor, conversationId);
      const contextId = createIdentifier("c");
      await store.conversations.update(conversation.id, {
        context_id: contextId,
        updated_at: clock(),
      });
      return { ...conversation, context_id: contextId };
    },

    ownMessage,
    ownConversation,

    /** Closes replies left streaming by a crash as incomplete, with the text they had. */
    async recoverOrphans(): Promise<number> {
      const runningHere = new Set(log.running());
      const orphans = (await store.messages.listStreaming()).filter(
        (message) => !runningHere.has(message.id),
      );
      for (const orphan of orphans) {
        await store.messages.update(orphan.id, {
          status: "incomplete",
          error_text: "The platform restarted while this reply was being written",
          updated_at: clock(),
        });
      }
      return orphans.length;
    },

    /** Resolves once every running reply is stored in its final state (after a drain). */
    async settled(): Promise<void> {
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The chat service. */
export type ChatService = ReturnType<typeof createChatService>;
