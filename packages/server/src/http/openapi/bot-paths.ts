import {
  COOKIE_OR_API_KEY,
  authErrors,
  badRequest,
  csrfError,
  errorResponse,
  jsonBody,
  jsonResponse,
  notFound,
  nullable,
  object,
  okResponse,
  pathParam,
  ref,
  tooLarge,
} from "./openapi-helpers.js";
import { botUrlBody } from "./bot-creator-paths.js";
import type { PathsObject } from "./openapi-types.js";

const handle = pathParam("handle", "The bot's handle (any case)");
const botAnswer = (description: string) => jsonResponse(description, object({ bot: ref("Bot") }));
const editableOnly = notFound("bot you may edit (its owner or an admin)");

/** Registering and managing bots. */
export const botPaths: PathsObject = {
  "/api/bots": {
    get: {
      operationId: "listBots",
      summary: "List the bots you can use",
      description:
        "Public bots and your own, by handle; admins also see public bots that admins hid. Unlisted and private bots of others are never listed (an unlisted one is opened by its handle).",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse("The bots", object({ bots: { type: "array", items: ref("Bot") } })),
        ...authErrors,
      },
    },
    post: {
      operationId: "createBot",
      summary: "Register a server bot, or make a prompt bot",
      description:
        'A server bot (BotInput) is stored and asked for its settings; a bot that does not answer yet is still created (settings_fetched_at stays null). The access key is in this answer, and later from /access-key. A prompt bot (PromptBotInput, `kind: "prompt"`) calls its base bot with its prompt as the system message; it has no access key.',
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody({ oneOf: [ref("BotInput"), ref("PromptBotInput")] }),
      responses: {
        "201": jsonResponse(
          "Created",
          object({
            bot: ref("Bot"),
            access_key: nullable("string", "32 characters; null for prompt bots"),
          }),
        ),
        ...badRequest(
          "a field is invalid (unknown fields too), the outbound rules refuse server_url, a prompt names an unknown {{variable}}, or base_bot is not a bot the creator may use (or would make a loop)",
        ),
        ...authErrors,
        ...csrfError,
        "409": errorResponse("`conflict`: the handle is taken"),
        ...tooLarge,
      },
    },
  },
  "/api/bots/check": {
    post: {
      operationId: "checkBot",
      summary: "Check a bot URL against the protocol",
      description:
        "Sends settings, a query, the report types, an unknown type, a wrong key and no key, through the platform's outbound client (so its address rules apply).",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      requestBody: botUrlBody("Without it the wrong-key check is skipped"),
      responses: {
        "200": jsonResponse("The report, passed or not", ref("ConformanceReport")),
        ...badRequest("url is not an http(s) URL"),
        ...authErrors,
        ...csrfError,
      },
    },
  },
  "/api/bots/{handle}": {
    get: {
      operationId: "getBot",
      summary: "One bot",
      description:
        "Public and unlisted bots, your own, and for admins any bot; a bot an admin hid only for its owner and admins.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": botAnswer("The bot"),
        ...authErrors,
        ...notFound("bot you can use"),
      },
    },
    patch: {
      operationId: "updateBot",
      summary: "Change a bot",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      requestBody: jsonBody(ref("BotUpdate")),
      responses: {
        "200": botAnswer("The changed bot"),
        ...badRequest(
          "a field is invalid, the outbound rules refuse server_url, or it was sent for a built-in bot",
        ),
        ...authErrors,
        ...csrfError,
        ...editableOnly,
      },
    },
    delete: {
      operationId: "deleteBot",
      summary: "Delete a bot",
      description: "Deletes its conversations (everyone's) and its call log with it.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": okResponse("Deleted"),
        ...authErrors,
        ...csrfError,
        ...editableOnly,
      },
    },
  },
  "/api/bots/{handle}/access-key": {
    get: {
      operationId: "getBotAccessKey",
      summary: "A bot's access key",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": jsonResponse(
          "The key; null for built-in bots",
          object({ access_key: nullable("string") }),
        ),
        ...authErrors,
        ...editableOnly,
      },
    },
  },
  "/api/bots/{handle}/sync": {
    post: {
      operationId: "syncBotSettings",
      summary: "Fetch a bot's settings now",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": botAnswer("The bot with its new settings"),
        ...authErrors,
        ...csrfError,
        ...editableOnly,
        "502": errorResponse("`settings_unavailable`: the bot did not answer the settings request"),
      },
    },
  },
  "/api/bots/{handle}/calls": {
    get: {
      operationId: "listBotCalls",
      summary: "A bot's call log",
      description: `The last 100 calls, newest first; kept PARLOR_CALL_LOG_DAYS days.`,
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": jsonResponse(
          "The calls",
          object({ calls: { type: "array", items: ref("BotCall") } }),
        ),
        ...authErrors,
        ...editableOnly,
      },
    },
  },
  "/api/bots/{handle}/calls/{id}": {
    get: {
      operationId: "getBotCall",
      summary: "One call, with what it sent and received",
      description:
        "The request body (redacted) and the events as the bot sent them, for debugging a bot.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle, pathParam("id", "The call's id (`call_…`)")],
      responses: {
        "200": jsonResponse("The call", ref("BotCallDetails")),
        ...authErrors,
        "404": errorResponse(
          "`not_found`: no bot you may edit (its owner or an admin) by that handle, or no such call of it (it may have been pruned)",
        ),
      },
    },
  },
};
