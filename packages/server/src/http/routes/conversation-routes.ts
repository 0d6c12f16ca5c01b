import { avatarUrl } from "../../bots/bot-avatars.js";
import { Hono } from "hono";
import { z } from "zod";
import { invalidField } from "../../errors.js";
import type { ConversationWithBot } from "../../store/conversations-store.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { readListQuery } from "../list-query.js";
import { nextCursor } from "../page-cursor.js";
import { admitMessageWithinRateLimits } from "../rate-limit.js";
import { readJsonAs } from "../read-json.js";
import { TEXT_LIMITS } from "../../input/text-limits.js";
import { userText } from "../../input/user-text.js";
import { publicMessages } from "./public-message.js";
import {
  replyBotHandle,
  respondWithGeneration,
  sentMessageHeaders,
  wantsEventStream,
} from "./generation-response.js";

/** `POST /api/conversations`: the bot to talk to. */
const createSchema = z.strictObject({ bot: z.string().min(1).max(100) });

/**
 * `POST /api/conversations/:id/messages`: only the fields docs/api.md names. Their values are
 * checked where they are used (content by the chat service, attachments by the loader).
 */
const sendSchema = z.strictObject({
  content: z.string(),
  attachments: z.unknown().optional(),
  parameters: z.unknown().optional(),
  parent_id: z.unknown().optional(),
});

const renameSchema = z.strictObject({
  title: userText(TEXT_LIMITS.conversationTitle).trim().min(1, "needs some text"),
});

/** A conversation as a list shows it: the conversation, and enough of its bot to show it. */
function listedConversation({
  bot_handle,
  bot_display_name,
  bot_avatar_version,
  ...conversation
}: ConversationWithBot) {
  const avatar_url = avatarUrl({ handle: bot_handle, avatar_version: bot_avatar_version });
  return {
    ...conversation,
    bot: { handle: bot_handle, display_name: bot_display_name, avatar_url },
  };
}

/** What a send's `parent_id` may be: left out, null (a new first message), or a message id. */
function parentIdOf(body: Record<string, unknown>): string | null | undefined {
  const parentId = body.parent_id;
  if (parentId === undefined || parentId === null || typeof parentId === "string") return parentId;
  throw invalidField(
    "parent_id",
    "parent_id must be the id of the bot reply to follow, or null to start a new first message",
  );
}

/** Conversations: create per bot, list, read with history, rename, delete, reset context, send. */
export const conversationRoutes = new Hono<AppEnv>()
  .get("/", async (context) => {
    const actor = requireActor(context);
    const { search, ...page } = readListQuery(context, 30);
    const listed = await context.var.platform.chat.listConversations(actor, {
      ...page,
      titleContains: search,
    });
    return context.json({
      conversations: listed.rows.map(listedConversation),
      next_cursor: nextCursor(listed),
    });
  })
  .post("/", async (context) => {
    const actor = requireActor(context);
    const { bot } = await readJsonAs(context, createSchema);
    const conversation = await context.var.platform.chat.createConversation(actor, bot);
    return context.json({ conversation }, 201);
  })
  .get("/:id", async (context) => {
    const { conversation, messages } = await context.var.platform.chat.getConversation(
      requireActor(context),
      context.req.param("id"),
    );
    return context.json({
      conversation,
      messages: await publicMessages(context.var.platform, conversation.id, messages),
    });
  })
  .patch("/:id", async (context) => {
    const actor = requireActor(context);
    const { title } = await readJsonAs(context, renameSchema);
    const conversation = await context.var.platform.chat.renameConversation(
      actor,
      context.req.param("id"),
      title,
    );
    return context.json({ conversation });
  })
  .delete("/:id", async (context) => {
    await context.var.platform.chat.deleteConversation(
      requireActor(context),
      context.req.param("id"),
    );
    return context.json({ ok: true });
  })
  .post("/:id/reset", async (context) => {
    const conversation = await context.var.platform.chat.resetContext(
      requireActor(context),
      context.req.param("id"),
    );
    return context.json({ conversation });
  })
  .post("/:id/messages", async (context) => {
    const actor = requireActor(context);
    const body = await readJsonAs(context, sendSchema);
    const parameters = body.parameters === undefined ? {} : body.parameters;
    if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
      throw invalidField(
        "parameters",
        "parameters must be an object of values for the bot's parameter controls",
      );
    }
    const { userMessage, botMessage } = await context.var.platform.chat.sendMessage(
      actor,
      context.req.param("id"),
      {
        content: body.content,
        attachments: body.attachments,
        parameters: parameters as Record<string, unknown>,
        parentId: parentIdOf(body),
      },
      admitMessageWithinRateLimits(context.var.platform, actor.userId),
    );
    // One request instead of two: the reply's stream is the response.
    if (wantsEventStream(context)) {
      const headers = sentMessageHeaders(
        botMessage.id,
        userMessage.id,
        await replyBotHandle(context.var.platform, botMessage),
      );
      return respondWithGeneration(context, botMessage, 0, headers);
    }
    return context.json(
      {
        ...(await publicMessages(context.var.platform, userMessage.conversation_id, [
          userMessage,
          botMessage,
        ]).then(([user_message, bot_message]) => ({ user_message, bot_message }))),
        stream_url: `/api/messages/${botMessage.id}/stream`,
      },
      202,
    );
  });
