import {
  jsonBody,
  jsonResponse,
  openaiErrorResponse,
  pathParam,
  rateLimited,
  ref,
} from "./openapi-helpers.js";
import type { PathsObject, ResponseObject } from "./openapi-types.js";

const API_KEY_ONLY = [{ userApiKey: [] }];
const keyErrors: Record<string, ResponseObject> = {
  "401": openaiErrorResponse("`missing_api_key` or `invalid_api_key`"),
};
const modelNotFound = openaiErrorResponse(
  "`model_not_found`: no such bot, or not one this key's user may use",
);

/** The OpenAI-compatible API: base URL `http://<host>/v1`, a user API key, a bot as model. */
export const openaiPaths: PathsObject = {
  "/v1/models": {
    get: {
      operationId: "listModels",
      summary: "The bots this key can use, as models",
      description:
        "The bots GET /api/bots lists for the key's user; unlisted bots work as a model by their handle but are listed only for their owner.",
      tags: ["openai api"],
      security: API_KEY_ONLY,
      responses: { "200": jsonResponse("The models", ref("ModelList")), ...keyErrors },
    },
  },
  "/v1/models/{model}": {
    get: {
      operationId: "getModel",
      summary: "One bot as a model",
      tags: ["openai api"],
      security: API_KEY_ONLY,
      parameters: [pathParam("model", "A bot's handle")],
      responses: {
        "200": jsonResponse("The model", ref("Model")),
        ...keyErrors,
        "404": modelNotFound,
      },
    },
  },
  "/v1/chat/completions": {
    post: {
      operationId: "createChatCompletion",
      summary: "Run a bot as a chat completion",
      description:
        "Each call is a fresh conversation for the bot, with the same timeouts, limits and call log as chat. With `stream: true` the answer is `data: <chat.completion.chunk>` lines, a last chunk with finish_reason, then `data: [DONE]`; a bot failure mid-stream is a `data: {error}` line.",
      tags: ["openai api"],
      security: API_KEY_ONLY,
      requestBody: jsonBody(ref("ChatCompletionRequest")),
      responses: {
        "200": {
          description: "A chat.completion, or with stream: true an SSE of ChatCompletionChunk",
          content: {
            "application/json": { schema: ref("ChatCompletion") },
            "text/event-stream": { schema: { type: "string" } },
          },
        },
        "400": openaiErrorResponse(
          "`invalid_request` (the field is in `param`) or `unsupported_content` (a non-text part)",
        ),
        ...keyErrors,
        "404": modelNotFound,
        "413": openaiErrorResponse("`payload_too_large`: the body is over 4 MiB"),
        "429": rateLimited("PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE", "OpenAIError"),
        "502": {
          ...openaiErrorResponse(
            "The bot's reply failed: `bot_error`, or the bot's own error_type; type `server_error`",
          ),
          headers: {
            "x-should-retry": {
              description: "Always `false`: the platform already retried where it could",
              schema: { type: "string", const: "false" },
            },
          },
        },
      },
    },
  },
};
