import type { ToolCallDefinition } from "@parlor/protocol";
import type { ChatCompletionRequest } from "../chat-completion-request.js";
import type { CountTokens } from "./token-counter.js";

/** OpenAI's `usage` object of a chat completion. */
export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

// OpenAI's documented way to count a chat prompt ("How to count tokens with tiktoken"): each
// message costs its text plus 3 tokens of framing (4 with a name), and the reply is primed
// with 3 more.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

function contentText(content: ChatCompletionRequest["messages"][number]["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text ?? "").join("\n");
}

/**
 * The prompt's tokens as OpenAI would count them for a model with the o200k_base encoding:
 * messages with their framing, tool calls and tool definitions as their JSON text (OpenAI's
 * own accounting of tools is not published; this is close).
 */
export function countPromptTokens(body: ChatCompletionRequest, count: CountTokens): number {
  let tokens = REPLY_PRIMING_TOKENS;
  for (const message of body.messages) {
    tokens += TOKENS_PER_MESSAGE + count(message.role) + count(contentText(message.content));
    if (message.name) tokens += TOKENS_PER_NAME + count(message.name);
    if (message.tool_calls?.length) tokens += count(JSON.stringify(message.tool_calls));
  }
  if (body.tools?.length) tokens += count(JSON.stringify(body.tools));
  return tokens;
}

/** The reply's tokens: its text and its tool calls' names and arguments. */
export function countCompletionTokens(
  content: string,
  toolCalls: ToolCallDefinition[],
  count: CountTokens,
): number {
  let tokens = count(content);
  for (const call of toolCalls)
    tokens += count(call.function.name) + count(call.function.arguments);
  return tokens;
}

/** A usage object from the two counts. */
export function completionUsage(promptTokens: number, completionTokens: number): CompletionUsage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}
