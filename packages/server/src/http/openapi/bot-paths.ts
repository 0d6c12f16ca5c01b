import {
  COOKIE_OR_API_KEY,
  eventStreamResponse,
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
const callId = pathParam("id", "The call's id (`call_…`)");
/** A call's request is a user's conversation: only the bot's owner sees it, even among admins. */
const ownerCallNotFound = {
  "404": errorResponse(
    "`not_found`: no bot of yours by that handle, or no such call of it (it may have been pruned)",
  ),
};

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
        "For the bot's owner. The request body (redacted) and the events as the bot sent them, for debugging a bot; a running call has status `running` and its events so far.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle, callId],
      responses: {
        "200": jsonResponse("The call", ref("BotCallDetails")),
        ...authErrors,
        ...ownerCallNotFound,
      },
    },
  },
  "/api/bots/{handle}/calls/{id}/live": {
    get: {
      operationId: "followBotCall",
      summary: "One call's events as they arrive",
      description:
        "For the bot's owner. `event` for each event after index `after` (`{index, ms, event, data}`, data undecoded), then `end` with the call as logged (`{call}`); a call that is over gets its `end` at once.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [
        handle,
        callId,
        {
          name: "after",
          in: "query",
          required: false,
          description: "The index of the last event the client has (default -1: send them all)",
          schema: { type: "integer" },
        },
      ],
      responses: {
        "200": eventStreamResponse("The call's events, then its end"),
        ...authErrors,
        ...ownerCallNotFound,
      },
    },
  },
  "/api/bots/{handle}/calls/{id}/replay": {
    post: {
      operationId: "replayBotCall",
      summary: "Send a call's request to the bot again",
      description:
        "For the bot's owner. The logged request body, as it was sent (credentials and file URL signatures stay redacted), through the outbound guard like every call; logged as a new call of type `replay`, whose id comes back as soon as it starts (follow it with `/live`).",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle, callId],
      responses: {
        "202": jsonResponse(
          "The new call started",
          object({ call_id: { type: "string", examples: ["call_…"] } }),
        ),
        "400": errorResponse(
          "`invalid_request`: the request was cut in the log (over 64 KiB) or was not kept",
        ),
        ...authErrors,
        ...csrfError,
        ...ownerCallNotFound,
      },
    },
  },
};
