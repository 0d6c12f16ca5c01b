import {
  COOKIE_OR_API_KEY,
  authErrors,
  csrfError,
  errorResponse,
  jsonResponse,
  notFound,
  object,
  pathParam,
} from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

const handle = pathParam("handle", "The bot's handle (any case)");
const editableOnly = notFound("bot you may edit (its owner or an admin)");

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
};
