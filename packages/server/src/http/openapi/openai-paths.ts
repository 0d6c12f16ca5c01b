import {
  jsonBody,
  jsonResponse,
  openaiErrorResponse,
  pathParam,
  rateLimited,
  ref,
} from "./openapi-helpers.js";
import type { PathsObject, ResponseObject, SchemaObject } from "./openapi-types.js";

const API_KEY_ONLY = [{ userApiKey: [] }];
const keyErrors: Record<string, ResponseObject> = {
  "401": openaiErrorResponse("`missing_api_key` or `invalid_api_key`"),
};
const modelNotFound = openaiErrorResponse(
  "`model_not_found`: no such bot, or not one this key's user may use",
);

const embeddingRequest: SchemaObject = {
  type: "object",
  required: ["model", "input"],
  properties: {
    model: { type: "string" },
    input: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
    encoding_format: { type: "string", enum: ["float", "base64"] },
    dimensions: { type: "integer", minimum: 1 },
  },
};

const embeddingList: SchemaObject = {
  type: "object",
  required: ["object", "data", "model", "usage"],
  properties: {
    object: { type: "string", const: "list" },
    data: {
      type: "array",
      items: {
        type: "object",
        required: ["object", "index", "embedding"],
        properties: {
          object: { type: "string", const: "embedding" },
          index: { type: "integer" },
          embedding: {
            oneOf: [{ type: "array", items: { type: "number" } }, { type: "string" }],
            description: "Floats, or base64 of little-endian float32s with encoding_format base64",
          },
        },
      },
    },
    model: { type: "string" },
    usage: {
      type: "object",
      properties: { prompt_tokens: { type: "integer" }, total_tokens: { type: "integer" } },
    },
  },
};

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
  "/v1/embeddings": {
    post: {
      operationId: "createEmbedding",
      summary: "Embed texts with a configured vendor's embedding model",
      description:
        "OpenAI's request and answer. The model is an embedding model of a configured provider (OpenAI or compatible servers, Gemini), by its vendor id or as `<provider>/<model>`.",
      tags: ["openai api"],
      security: API_KEY_ONLY,
      requestBody: jsonBody(embeddingRequest),
      responses: {
        "200": jsonResponse("The embeddings, in input order", embeddingList),
        "400": openaiErrorResponse(
          "`invalid_request` (token arrays, a bad field in `param`) or `context_length_exceeded`",
        ),
        ...keyErrors,
        "404": modelNotFound,
        "429": rateLimited("PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE", "OpenAIError"),
        "502": openaiErrorResponse("`provider_auth` or another vendor failure"),
      },
    },
  },
};
