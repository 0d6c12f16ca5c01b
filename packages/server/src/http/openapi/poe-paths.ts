import {
  PUBLIC,
  errorResponse,
  eventStreamResponse,
  jsonBody,
  jsonResponse,
  object,
  pathParam,
  rateLimited,
  ref,
  tooLarge,
} from "./openapi-helpers.js";
import type { OperationObject, PathsObject } from "./openapi-types.js";

const name = pathParam("name", "The bot's handle");
const key = pathParam("key", "The bot's access key");
const version = pathParam("version", "The protocol version fastapi_poe appends; ignored");
const unknownBot = errorResponse("`unknown_bot`: no bot with this handle");
const wrongKey = errorResponse("`unauthenticated`: not this server bot's access key");

const settingsOperation = (
  operationId: string,
  kind: "fetch" | "update",
  withVersion: boolean,
): OperationObject => ({
  operationId,
  summary:
    kind === "fetch"
      ? "Have the platform fetch a bot's settings from the bot"
      : "Store the settings in the body as the bot's",
  description:
    "fastapi_poe's `sync_bot_settings` calls these; the access key in the path is the credential.",
  tags: ["poe bot api"],
  security: PUBLIC,
  parameters: withVersion ? [name, key, version] : [name, key],
  ...(kind === "update" ? { requestBody: jsonBody(ref("SettingsResponse")) } : {}),
  responses: {
    "200": jsonResponse("The stored settings", ref("SettingsSyncResult")),
    ...(kind === "update"
      ? { "400": errorResponse("`invalid_request`: not a valid settings response") }
      : {}),
    "401": wrongKey,
    "404": unknownBot,
    ...(kind === "fetch"
      ? { "502": errorResponse("`settings_unavailable`: the bot did not answer") }
      : {}),
  },
});

const costOperation = (operationId: string, kind: "authorize" | "capture"): OperationObject => ({
  operationId,
  summary:
    kind === "authorize"
      ? "Authorize a charge to the user being answered"
      : "Capture a charge to the user being answered",
  description:
    "Only while the bot answers the query with this bot_query_id. Recorded per message (no balance is kept or checked yet). Answered as an SSE `result` event, as fastapi_poe reads it.",
  tags: ["poe bot api"],
  security: PUBLIC,
  parameters: [pathParam("botQueryId", "The bot_query_id of the query being answered")],
  requestBody: jsonBody(
    object({
      amounts: { anyOf: [ref("CostItem"), { type: "array", items: ref("CostItem"), minItems: 1 }] },
      access_key: { type: "string", description: "The answering bot's access key" },
    }),
  ),
  responses: {
    "200": {
      description: '`event: result` with `{"status": "success"}`',
      content: { "text/event-stream": { schema: { type: "string" } } },
    },
    "400": errorResponse("`invalid_request`: the body is not {amounts, access_key}"),
    "401": errorResponse("`unauthenticated`: not the access key of the answering bot"),
    "404": errorResponse("`unknown_bot_query`: no query with this id is being answered now"),
  },
});

/** Poe's bot API, at the paths fastapi_poe uses under its base URL `http://<host>/bot/`. */
export const poePaths: PathsObject = {
  "/bot/file_upload_3RD_PARTY_POST": {
    post: {
      operationId: "poeUploadFile",
      summary: "Upload a file for a bot's reply",
      description:
        "fastapi_poe's `upload_file`: the file as multipart field `file`, or `download_url` (+ `download_filename`) for the platform to fetch under its outbound address rules. `message_id` and `is_inline` are accepted and ignored. The URL returned is valid for one hour.",
      tags: ["poe bot api"],
      security: [{ rawKey: [] }],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              properties: {
                file: { type: "string", contentMediaType: "application/octet-stream" },
                download_url: { type: "string", format: "uri" },
                download_filename: { type: "string" },
                message_id: { type: "string" },
                is_inline: { type: "string" },
              },
            },
          },
        },
      },
      responses: {
        "200": jsonResponse(
          "Stored",
          object({
            attachment_url: { type: "string", description: "A signed /files/ URL" },
            mime_type: { type: "string" },
          }),
        ),
        "400": errorResponse(
          "`invalid_request`: neither `file` nor `download_url`; `download_failed`: the download was refused or failed",
        ),
        "401": errorResponse("`unauthenticated`: no key, or not a user API key or bot access key"),
        "413": errorResponse("`payload_too_large` or `file_too_large`: over 50 MB"),
      },
    },
  },
  "/bot/fetch_settings/{name}/{key}": {
    post: settingsOperation("poeFetchSettings", "fetch", false),
  },
  "/bot/fetch_settings/{name}/{key}/{version}": {
    post: settingsOperation("poeFetchSettingsVersioned", "fetch", true),
  },
  "/bot/update_settings/{name}/{key}": {
    post: settingsOperation("poeUpdateSettings", "update", false),
  },
  "/bot/update_settings/{name}/{key}/{version}": {
    post: settingsOperation("poeUpdateSettingsVersioned", "update", true),
  },
  "/bot/cost/{botQueryId}/authorize": { post: costOperation("poeAuthorizeCost", "authorize") },
  "/bot/cost/{botQueryId}/capture": { post: costOperation("poeCaptureCost", "capture") },
  "/bot/{name}": {
    post: {
      operationId: "poeQueryBot",
      summary: "Call a bot (Poe's bot query API)",
      description:
        "What fastapi_poe's `stream_request` / `get_bot_response` and the SDK's `streamRequest` / `getBotResponse` call. With a user API key the call runs as that user; with a bot's access key it runs for the user the bot is answering, only while it answers the query named by `bot_query_id`, only on public bots and its owner's own bots, within its declared server_bot_dependencies and 100 calls per user message; the messages' `metadata` is not passed on, since the platform stored it for the calling bot. The answer streams the bot's `meta`, `text`, `replace_response`, `suggested_reply`, `file` and `json` events, then `error` if the reply did not complete, then `done`. Disconnecting stops the bot.",
      tags: ["poe bot api"],
      security: [{ userApiKey: [] }, { botAccessKey: [] }],
      parameters: [name],
      requestBody: jsonBody(ref("QueryRequest")),
      responses: {
        "200": eventStreamResponse("The reply as Poe SSE"),
        "400": errorResponse("`invalid_request`: the body is not a QueryRequest"),
        "401": errorResponse(
          "`unauthenticated`: no key, an unknown key, or a bot key outside a live query",
        ),
        "403": errorResponse(
          "`undeclared_dependency`: not in the caller's server_bot_dependencies; `call_loop`: the bot is already on the call path",
        ),
        "404": errorResponse(
          "`unknown_bot`: no bot with this handle that the credential may use (another owner's private bot looks the same)",
        ),
        ...tooLarge,
        "429": {
          ...rateLimited("PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE"),
          description:
            "`rate_limited` (with Retry-After), `dependency_budget_spent` or `call_budget_spent`",
        },
      },
    },
  },
};
