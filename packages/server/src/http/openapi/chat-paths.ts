import {
  COOKIE_OR_API_KEY,
  authErrors,
  badRequest,
  csrfError,
  eventStreamResponse,
  jsonBody,
  jsonResponse,
  listParams,
  notFound,
  object,
  okResponse,
  pageOf,
  pathParam,
  rateLimited,
  ref,
  sentStreamResponse,
  tooLarge,
} from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

const conversationId = pathParam("id", "The conversation's id (`conv_…`)");
const messageId = pathParam("id", "The message's id (`m-…`)");
const streamUrl = {
  type: "string",
  description: "`/api/messages/<bot message id>/stream`",
} as const;

/** Conversations, messages, the reply stream, stop, regenerate, feedback. */
export const chatPaths: PathsObject = {
  "/api/conversations": {
    get: {
      operationId: "listConversations",
      summary: "Your conversations",
      description:
        "Most recently updated first (a sent message moves a conversation up, a rename does not), each with its bot's handle, name and avatar.",
      tags: ["conversations"],
      security: COOKIE_OR_API_KEY,
      parameters: listParams(30, "title"),
      responses: {
        "200": jsonResponse(
          "A page of conversations",
          pageOf("conversations", ref("ListedConversation")),
        ),
        ...badRequest("`limit` is not 1–100, or `cursor` is not one this list gave out"),
        ...authErrors,
      },
    },
    post: {
      operationId: "createConversation",
      summary: "Start a conversation with a bot",
      tags: ["conversations"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(object({ bot: { type: "string", description: "A bot's handle" } })),
      responses: {
        "201": jsonResponse("Created", object({ conversation: ref("Conversation") })),
        ...badRequest("`bot` is missing"),
        ...authErrors,
        ...csrfError,
        ...notFound("bot you can use"),
        ...tooLarge,
      },
    },
  },
  "/api/conversations/{id}": {
    get: {
      operationId: "getConversation",
      summary: "A conversation with every message",
      description:
        "Oldest first, every context and every regenerated reply included; follow parent_id for one branch.",
      tags: ["conversations"],
      security: COOKIE_OR_API_KEY,
      parameters: [conversationId],
      responses: {
        "200": jsonResponse(
          "The conversation",
          object({
            conversation: ref("Conversation"),
            messages: { type: "array", items: ref("Message") },
          }),
        ),
        ...authErrors,
        ...notFound("conversation"),
      },
    },
    patch: {
      operationId: "renameConversation",
      summary: "Rename a conversation",
      tags: ["conversations"],
      security: COOKIE_OR_API_KEY,
      parameters: [conversationId],
      requestBody: jsonBody(
        object(
          { title: { type: "string", minLength: 1, maxLength: 200, description: "Trimmed" } },
          { closed: true },
        ),
      ),
      responses: {
        "200": jsonResponse("The conversation", object({ conversation: ref("Conversation") })),
        ...badRequest("`title` is blank or over 200 characters, or another field is there"),
        ...authErrors,
        ...csrfError,
        ...notFound("conversation"),
        ...tooLarge,
      },
    },
    delete: {
      operationId: "deleteConversation",
      summary: "Delete a conversation",
      description: "Stops its running replies first.",
      tags: ["conversations"],
      security: COOKIE_OR_API_KEY,
      parameters: [conversationId],
      responses: {
        "200": okResponse("Deleted"),
        ...authErrors,
        ...csrfError,
        ...notFound("conversation"),
      },
    },
  },
  "/api/conversations/{id}/reset": {
    post: {
      operationId: "resetContext",
      summary: "Start a new context",
      description:
        "Earlier messages stay visible but are no longer sent to the bot; the bot sees a new conversation_id.",
      tags: ["conversations"],
      security: COOKIE_OR_API_KEY,
      parameters: [conversationId],
      responses: {
        "200": jsonResponse("The conversation", object({ conversation: ref("Conversation") })),
        ...authErrors,
        ...csrfError,
        ...notFound("conversation"),
      },
    },
  },
  "/api/conversations/{id}/messages": {
    post: {
      operationId: "sendMessage",
      summary: "Send a message and start the bot's reply",
      description:
        "Stores the message and an empty bot message (status `streaming`) and starts the reply; read it from stream_url. With `Accept: text/event-stream` the response is the reply's stream itself (one request instead of two); refusals stay JSON.",
      tags: ["conversations"],
      security: COOKIE_OR_API_KEY,
      parameters: [conversationId],
      requestBody: jsonBody(
        object(
          {
            content: { type: "string", minLength: 1, description: "Not only whitespace" },
            attachments: {
              type: "array",
              items: { type: "string" },
              maxItems: 20,
              description: "Ids of your uploads (POST /api/files); the bot must allow attachments",
            },
            parameters: {
              type: "object",
              description: "Values for the bot's parameter controls, sent with the message",
            },
            parent_id: {
              type: ["string", "null"],
              description:
                "The finished bot reply of the current context this message follows, to edit and resend a message or answer a chosen branch; null starts a new first message. Left out: after the context's last message. The bot sees only that branch.",
            },
          },
          { optional: ["attachments", "parameters", "parent_id"] },
        ),
      ),
      responses: {
        "202": jsonResponse(
          "Accepted; the reply is being written",
          object({
            user_message: ref("Message"),
            bot_message: ref("Message"),
            stream_url: streamUrl,
          }),
        ),
        "200": sentStreamResponse("With `Accept: text/event-stream`: the reply's events", true),
        ...badRequest(
          "`content` is missing or blank, `attachments` is not a list of at most 20 file ids, `parameters` is not an object, the bot does not accept attachments, or `parent_id` is not a finished bot reply of the current context",
        ),
        ...authErrors,
        ...csrfError,
        ...notFound(
          "conversation, an attached file that is not yours, or the conversation's bot is no longer one you may use",
        ),
        ...tooLarge,
        "429": rateLimited("PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE"),
      },
    },
  },
  "/api/messages/{id}": {
    get: {
      operationId: "getMessage",
      summary: "One message",
      tags: ["messages"],
      security: COOKIE_OR_API_KEY,
      parameters: [messageId],
      responses: {
        "200": jsonResponse("The message", object({ message: ref("Message") })),
        ...authErrors,
        ...notFound("message"),
      },
    },
  },
  "/api/messages/{id}/stream": {
    get: {
      operationId: "streamReply",
      summary: "Attach to a reply's event stream",
      description:
        "SSE with numbered events: `meta`, `text`, `replace_response`, `suggested_reply`, `file`, then `done` `{status, error, text, allow_retry}` and the stream ends. `: keep-alive` comments every 15 s. Resume with Last-Event-ID (or ?after=). Closing the stream never stops the bot.",
      tags: ["messages"],
      security: COOKIE_OR_API_KEY,
      parameters: [
        messageId,
        {
          name: "Last-Event-ID",
          in: "header",
          description: "The id of the last event received; only later events are sent",
          schema: { type: "integer", minimum: 0 },
        },
        {
          name: "after",
          in: "query",
          description: "The same as Last-Event-ID, for clients that cannot set headers",
          schema: { type: "integer", minimum: 0 },
        },
      ],
      responses: {
        "200": eventStreamResponse("The reply's events"),
        ...authErrors,
        ...notFound("message"),
      },
    },
  },
  "/api/messages/{id}/stop": {
    post: {
      operationId: "stopReply",
      summary: "Stop a reply",
      description:
        "The reply is stored as `incomplete` with error `Stopped`. `stopped` is false when it is not running in this process (finished, or run by another instance).",
      tags: ["messages"],
      security: COOKIE_OR_API_KEY,
      parameters: [messageId],
      responses: {
        "200": jsonResponse("Done", object({ stopped: { type: "boolean" } })),
        ...authErrors,
        ...csrfError,
        ...notFound("message"),
      },
    },
  },
  "/api/messages/{id}/regenerate": {
    post: {
      operationId: "regenerateReply",
      summary: "A new reply to the same user message",
      description:
        "A sibling of the old reply (same parent_id, same context). With `Accept: text/event-stream` the response is the new reply's stream.",
      tags: ["messages"],
      security: COOKIE_OR_API_KEY,
      parameters: [messageId],
      responses: {
        "202": jsonResponse(
          "Accepted; the new reply is being written",
          object({ bot_message: ref("Message"), stream_url: streamUrl }),
        ),
        "200": sentStreamResponse(
          "With `Accept: text/event-stream`: the new reply's events",
          false,
        ),
        ...badRequest("the message is not a bot reply, or it is still being written"),
        ...authErrors,
        ...csrfError,
        ...notFound("message, or the conversation's bot is no longer one you may use"),
        "429": rateLimited("PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE"),
      },
    },
  },
  "/api/messages/{id}/feedback": {
    post: {
      operationId: "sendFeedback",
      summary: "Like or dislike a reply",
      description: "Stored, and sent to the bot as `report_feedback` (best effort).",
      tags: ["messages"],
      security: COOKIE_OR_API_KEY,
      parameters: [messageId],
      requestBody: jsonBody(object({ type: { type: "string", enum: ["like", "dislike"] } })),
      responses: {
        "200": okResponse("Stored"),
        ...badRequest("`type` is not like or dislike, or the message is not a bot reply"),
        ...authErrors,
        ...csrfError,
        ...notFound("message"),
      },
    },
  },
  "/api/messages/{id}/reaction": {
    post: {
      operationId: "sendReaction",
      summary: "React to a reply",
      description: "Stored (replacing the last one), and sent as `report_reaction` (best effort).",
      tags: ["messages"],
      security: COOKIE_OR_API_KEY,
      parameters: [messageId],
      requestBody: jsonBody(object({ reaction: { type: "string", minLength: 1, maxLength: 32 } })),
      responses: {
        "200": okResponse("Stored"),
        ...badRequest("`reaction` is missing or over 32 characters, or not a bot reply"),
        ...authErrors,
        ...csrfError,
        ...notFound("message"),
      },
    },
  },
};
