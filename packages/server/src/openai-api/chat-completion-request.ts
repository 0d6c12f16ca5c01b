import { toolCallDefinitionSchema } from "@parlor/protocol";
import { z } from "zod";
import { OpenAIError } from "./openai-error.js";
import { parseOpenAIBody } from "./parse-openai-body.js";

const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(contentPartSchema)]).nullish(),
  name: z.string().nullish(),
  tool_calls: z.array(toolCallDefinitionSchema).nullish(),
  tool_call_id: z.string().nullish(),
});

const toolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    name: z.string(),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
  }),
});

/**
 * The parts of OpenAI's chat completion request Parlor uses; other fields (`n`, `top_p`,
 * `max_tokens`, `user`…) are accepted and ignored, as the protocol has no place for them.
 */
export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  tools: z.array(toolSchema).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
});

/** A chat completion request as parsed. */
export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;
/** One message of a chat completion request. */
export type ChatCompletionMessage = ChatCompletionRequest["messages"][number];

/** Parses the body, or answers 400 naming the first wrong field as OpenAI does. */
export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  const request = parseOpenAIBody(chatCompletionRequestSchema, body);
  if (request.stream_options && request.stream !== true) {
    // OpenAI's own answer to the same request.
    throw new OpenAIError(
      400,
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      { code: "invalid_value", param: "stream_options" },
    );
  }
  return request;
}
