import {
  avatarImageResponse,
  COOKIE_OR_API_KEY,
  authErrors,
  badRequest,
  csrfError,
  errorResponse,
  fileUploadBody,
  jsonBody,
  jsonResponse,
  notFound,
  object,
  pathParam,
  ref,
  tooLarge,
} from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

const handle = pathParam("handle", "The bot's handle (any case)");
const editableOnly = notFound("bot you may edit (its owner or an admin)");

/** The body of the routes that try a bot URL: the URL, and the bot's key if there is one. */
export const botUrlBody = (withoutKey: string) =>
  jsonBody(
    object(
      {
        url: { type: "string", format: "uri", description: "http:// or https://" },
        access_key: { type: "string", description: withoutKey },
      },
      { optional: ["access_key"], closed: true },
    ),
  );

/** What a bot's creator uses besides editing it: its access key, avatar, connection test. */
export const botCreatorPaths: PathsObject = {
  "/api/bots/{handle}/access-key/rotate": {
    post: {
      operationId: "rotateBotAccessKey",
      summary: "Give a server bot a new access key",
      description:
        "The old key is refused from this moment: by the bot API, settings sync and costs, and the platform sends the new one to the bot. Give it to the bot at once.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": jsonResponse(
          "The new key",
          object({ access_key: { type: "string", description: "32 characters" } }),
        ),
        "400": errorResponse("`invalid_request`: a built-in bot, which has no key"),
        ...authErrors,
        ...csrfError,
        ...editableOnly,
      },
    },
  },
  "/api/bots/test-connection": {
    post: {
      operationId: "testBotUrl",
      summary: "Test a bot URL and key before saving them",
      description:
        "Sends one settings request through the platform's outbound client, exactly as the platform would. A failing bot is still a 200, with `ok: false` and an error whose message says what to fix.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      requestBody: botUrlBody(
        "Without it a random key is sent, which a bot that checks keys refuses",
      ),
      responses: {
        "200": jsonResponse("The outcome, ok or not", ref("ConnectionTestResult")),
        ...badRequest("url is not an http(s) URL the platform can parse"),
        ...authErrors,
        ...csrfError,
        ...tooLarge,
      },
    },
  },
  "/api/bots/{handle}/test-connection": {
    post: {
      operationId: "testBotConnection",
      summary: "Test a saved bot's connection",
      description:
        "Like /api/bots/test-connection with the bot's saved URL and access key; stores nothing.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": jsonResponse("The outcome, ok or not", ref("ConnectionTestResult")),
        "400": errorResponse("`invalid_request`: a built-in bot, which has no URL"),
        ...authErrors,
        ...csrfError,
        ...editableOnly,
      },
    },
  },
  "/api/bots/{handle}/avatar": {
    get: {
      operationId: "getBotAvatar",
      summary: "A bot's avatar",
      description:
        "Served with the type read from its bytes, `X-Content-Type-Options: nosniff`, `Content-Disposition: inline`, `Content-Security-Policy: default-src 'none'; sandbox` and `Cache-Control: private, max-age=300`. Public bots' avatars need no credentials; a private bot's only to those who may see the bot. The `v` query parameter of the bot's avatar_url changes with each avatar and is otherwise ignored.",
      tags: ["bots"],
      security: [...COOKIE_OR_API_KEY, {}],
      parameters: [handle],
      responses: {
        "200": avatarImageResponse(),
        ...notFound("bot you may see, or it has no avatar"),
      },
    },
    post: {
      operationId: "uploadBotAvatar",
      summary: "Upload a bot's avatar",
      description:
        "multipart/form-data with the image in field `file`: a PNG, JPEG, WebP or GIF of at most 2 MB, recognised by its bytes (the declared type and the name do not count). Replaces the avatar the bot had.",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      requestBody: fileUploadBody(),
      responses: {
        "200": jsonResponse("The bot with its new avatar_url", object({ bot: ref("Bot") })),
        "400": errorResponse(
          "`invalid_request`: no multipart field `file`, or not a PNG, JPEG, WebP or GIF (SVG is refused)",
        ),
        ...authErrors,
        ...csrfError,
        ...editableOnly,
        "413": errorResponse("`file_too_large` or `payload_too_large`: over 2 MB"),
      },
    },
    delete: {
      operationId: "deleteBotAvatar",
      summary: "Remove a bot's avatar",
      tags: ["bots"],
      security: COOKIE_OR_API_KEY,
      parameters: [handle],
      responses: {
        "200": jsonResponse("The bot, avatar_url null", object({ bot: ref("Bot") })),
        ...authErrors,
        ...csrfError,
        ...editableOnly,
      },
    },
  },
};
