import {
  PROTOCOL_VERSION,
  queryRequestSchema,
  type ProtocolMessageInput,
  type QueryRequest,
} from "@parlor/protocol";
import type { ChatCompletionMessage, ChatCompletionRequest } from "./chat-completion-request.js";
import { OpenAIError } from "./openai-error.js";

/** The text of a message's content; only text parts have a place in the protocol. */
function textOf(message: ChatCompletionMessage, index: number): string {
  const { content } = message;
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content
    .map((part, partIndex) => {
      if (part.type === "text" && typeof part.text === "string") return part.text;
      throw new OpenAIError(400, `Only text content parts are supported, not '${part.type}'`, {
        code: "unsupported_content",
        param: `messages.${index}.content.${partIndex}`,
      });
    })
    .join("\n");
}

/**
 * OpenAI messages as protocol messages: system and developer → `system`, user → `user`,
 * assistant → `bot` (its tool calls as a `function_call` message), and each run of tool
 * results → one `tool` message holding the list, as fastapi_poe's tool loop sends them.
 */
export function toProtocolMessages(messages: ChatCompletionMessage[]): ProtocolMessageInput[] {
  const query: ProtocolMessageInput[] = [];
  const toolNames = new Map<string, string>();
  let toolResults: { role: "tool"; name: string; tool_call_id: string; content: string }[] = [];
  const flushToolResults = () => {
    if (toolResults.length === 0) return;
    query.push({ role: "tool", content: JSON.stringify(toolResults) });
    toolResults = [];
  };
  messages.forEach((message, index) => {
    const text = textOf(message, index);
    if (message.role === "tool") {
      const id = message.tool_call_id ?? "";
      toolResults.push({
        role: "tool",
        name: toolNames.get(id) ?? message.name ?? "",
        tool_call_id: id,
        content: text,
      });
      return;
    }
    flushToolResults();
    if (message.role === "assistant") {
      if (text || !message.tool_calls?.length) query.push({ role: "bot", content: text });
      if (message.tool_calls?.length) {
        for (const call of message.tool_calls) toolNames.set(call.id, call.function.name);
        query.push({
          role: "bot",
          message_type: "function_call",
          content: JSON.stringify(message.tool_calls),
        });
      }
      return;
    }
    query.push({ role: message.role === "user" ? "user" : "system", content: text });
  });
  flushToolResults();
  return query;
}

/** The protocol query for a chat completion, with the ids the platform assigned. */
export function toQueryRequest(
  body: ChatCompletionRequest,
  ids: { userId: string; conversationId: string; messageId: string; botQueryId: string },
): QueryRequest {
  const parsed = queryRequestSchema.safeParse({
    version: PROTOCOL_VERSION,
    type: "query",
    query: toProtocolMessages(body.messages),
    user_id: ids.userId,
    conversation_id: ids.conversationId,
    message_id: ids.messageId,
    bot_query_id: ids.botQueryId,
    temperature: body.temperature ?? null,
    stop_sequences: typeof body.stop === "string" ? [body.stop] : (body.stop ?? []),
    logit_bias: body.logit_bias ?? {},
    tools:
      body.tools?.map((tool) => ({
        type: "function",
        function: {
          ...tool.function,
          // OpenAI allows a tool without parameters; the protocol wants an object schema.
          parameters: { type: "object", properties: {}, ...tool.function.parameters },
        },
      })) ?? null,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OpenAIError(400, `Invalid request: ${issue?.path.join(".")}: ${issue?.message}`, {
      code: "invalid_request",
      param: issue?.path[0] === "tools" ? "tools" : null,
    });
  }
  return parsed.data;
}
