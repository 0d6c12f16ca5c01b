import { nullable, object, ref } from "./openapi-helpers.js";
import type { SchemaObject } from "./openapi-types.js";

const toolCall = object({
  id: { type: "string" },
  type: { type: "string", const: "function" },
  function: object({ name: { type: "string" }, arguments: { type: "string" } }),
});

/** The OpenAI-compatible API's objects, in OpenAI's own shapes. */
export const openaiSchemas: Record<string, SchemaObject> = {
  OpenAIError: object(
    {
      error: object({
        message: { type: "string" },
        type: {
          type: "string",
          enum: [
            "invalid_request_error",
            "authentication_error",
            "permission_error",
            "rate_limit_error",
            "server_error",
          ],
        },
        code: { type: "string" },
        param: nullable("string"),
      }),
    },
    { description: "Every error under /v1, as OpenAI's clients expect them" },
  ),
  Model: object({
    id: { type: "string", description: "The bot's handle" },
    object: { type: "string", const: "model" },
    created: { type: "integer", description: "Seconds since the epoch" },
    owned_by: { type: "string", description: "`parlor` for built-in bots, else the owner's id" },
  }),
  ModelList: object({
    object: { type: "string", const: "list" },
    data: { type: "array", items: ref("Model") },
  }),
  ChatCompletionRequest: {
    type: "object",
    description:
      "The fields Parlor uses; others (`n`, `top_p`, `max_tokens`, `user`…) are accepted and ignored",
    properties: {
      model: { type: "string", minLength: 1, description: "A bot's handle" },
      messages: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          properties: {
            role: { type: "string", enum: ["system", "developer", "user", "assistant", "tool"] },
            content: {
              description: "A string, or text parts only",
              anyOf: [{ type: "string" }, { type: "array" }, { type: "null" }],
            },
            name: nullable("string"),
            tool_calls: { type: ["array", "null"], items: toolCall },
            tool_call_id: nullable("string"),
          },
          required: ["role"],
        },
      },
      stream: nullable("boolean"),
      temperature: { type: ["number", "null"], minimum: 0, maximum: 2 },
      stop: { anyOf: [{ type: "string" }, { type: "array" }, { type: "null" }] },
      tools: { type: ["array", "null"], items: { type: "object" } },
      logit_bias: { type: ["object", "null"], additionalProperties: { type: "number" } },
    },
    required: ["model", "messages"],
  },
  ChatCompletion: object({
    id: { type: "string", examples: ["chatcmpl-…"] },
    object: { type: "string", const: "chat.completion" },
    created: { type: "integer" },
    model: { type: "string" },
    choices: {
      type: "array",
      items: object({
        index: { type: "integer" },
        message: object(
          {
            role: { type: "string", const: "assistant" },
            content: nullable("string", "Null only when the reply is tool calls"),
            refusal: { type: "null" },
            tool_calls: { type: "array", items: toolCall },
          },
          { optional: ["tool_calls"] },
        ),
        logprobs: { type: "null" },
        finish_reason: { type: "string", enum: ["stop", "length", "tool_calls"] },
      }),
    },
  }),
  ChatCompletionChunk: object(
    {
      id: { type: "string" },
      object: { type: "string", const: "chat.completion.chunk" },
      created: { type: "integer" },
      model: { type: "string" },
      choices: {
        type: "array",
        items: object({
          index: { type: "integer" },
          delta: { type: "object" },
          logprobs: { type: "null" },
          finish_reason: { type: ["string", "null"], enum: ["stop", "length", "tool_calls", null] },
        }),
      },
    },
    { description: "One `data:` line of a streamed completion; the stream ends `data: [DONE]`" },
  ),
};
