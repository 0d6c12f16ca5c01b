import { Hono } from "hono";
import { InvalidRequestError } from "../../errors.js";
import type { MessageRow } from "../../store/messages-store.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { admitMessageWithinRateLimits } from "../rate-limit.js";
import { readJson, stringField } from "../read-json.js";
import {
  respondWithGeneration,
  sentMessageHeaders,
  wantsEventStream,
} from "./generation-response.js";

/** A message as the API shows it; `metadata` stays between the platform and the bot. */
export function publicMessage(message: MessageRow, renewFileUrls: (text: string) => string) {
  return {
    id: message.id,
    conversation_id: message.conversation_id,
    parent_id: message.parent_id,
    role: message.role,
    content: renewFileUrls(message.content),
    content_type: message.content_type,
    status: message.status,
    error: message.error_text,
    suggested_replies: JSON.parse(message.suggested_replies_json) as string[],
    files: JSON.parse(renewFileUrls(message.files_json)) as unknown[],
    attachments: JSON.parse(message.attachments_json) as unknown[],
    feedback: message.feedback,
    reaction: message.reaction,
    context_id: message.context_id,
    created_at: message.created_at,
  };
}

/** Conversations: create per bot, list, read with history, delete, reset context, send. */
export const conversationRoutes = new Hono<AppEnv>()
  .get("/", async (context) => {
    const conversations = await context.var.platform.chat.listConversations(requireActor(context));
    return context.json({ conversations });
  })
  .post("/", async (context) => {
    const body = await readJson(context);
    const conversation = await context.var.platform.chat.createConversation(
      requireActor(context),
      stringField(body, "bot"),
    );
    return context.json({ conversation }, 201);
  })
  .get("/:id", async (context) => {
    const { conversation, messages } = await context.var.platform.chat.getConversation(
      requireActor(context),
      context.req.param("id"),
    );
    return context.json({
      conversation,
      messages: messages.map((message) =>
        publicMessage(message, context.var.platform.renewFileUrls),
      ),
    });
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
    const body = await readJson(context);
    const parameters = body.parameters === undefined ? {} : body.parameters;
    if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
      throw new InvalidRequestError(
        "parameters: must be an object of values for the bot's parameter controls",
      );
    }
    const actor = requireActor(context);
    const { userMessage, botMessage } = await context.var.platform.chat.sendMessage(
      actor,
      context.req.param("id"),
      {
        content: stringField(body, "content"),
        attachments: body.attachments,
        parameters: parameters as Record<string, unknown>,
      },
      admitMessageWithinRateLimits(context.var.platform, actor.userId),
    );
    // One request instead of two: the reply's stream is the response.
    if (wantsEventStream(context)) {
      const headers = sentMessageHeaders(botMessage.id, userMessage.id);
      return respondWithGeneration(context, botMessage, 0, headers);
    }
    return context.json(
      {
        user_message: publicMessage(userMessage, context.var.platform.renewFileUrls),
        bot_message: publicMessage(botMessage, context.var.platform.renewFileUrls),
        stream_url: `/api/messages/${botMessage.id}/stream`,
      },
      202,
    );
  });
