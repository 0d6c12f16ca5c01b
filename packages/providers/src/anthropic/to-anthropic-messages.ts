import type { ToolDefinition } from "@parlor/protocol";
import type {
  Base64ImageSource,
  ContentBlockParam,
  MessageParam,
  Tool,
} from "@anthropic-ai/sdk/resources/messages";

/** The image types Anthropic takes inline. */
type AnthropicImageType = Base64ImageSource["media_type"];
import {
  inlineImageData,
  isImage,
  userText,
  type Conversation,
  type ConversationTurn,
} from "../internal/conversation.js";

/** Anthropic rejects a conversation that starts with the assistant; this stands in for the user. */
export const CONVERSATION_START = "(The conversation begins.)";

/** A tool call's arguments as an object; Anthropic wants `input` parsed, and `{}` when unreadable. */
function parseArguments(args: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args === "" ? "{}" : args);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function toBlocks(turn: ConversationTurn, acceptsImages: boolean): ContentBlockParam[] {
  if (turn.role === "tool") {
    return turn.results.map((result) => ({
      type: "tool_result",
      tool_use_id: result.tool_call_id,
      content: result.content,
    }));
  }
  const blocks: ContentBlockParam[] = [];
  const text = turn.role === "user" ? userText(turn, acceptsImages) : turn.text;
  // Anthropic rejects empty text blocks.
  if (text.trim() !== "") blocks.push({ type: "text", text });
  if (turn.role === "user" && acceptsImages) {
    for (const image of turn.attachments.filter(isImage)) {
      const inline = inlineImageData(image.url);
      blocks.push({
        type: "image",
        source: inline
          ? {
              type: "base64",
              media_type: inline.mediaType as AnthropicImageType,
              data: inline.base64,
            }
          : { type: "url", url: image.url },
      });
    }
  } else if (turn.role === "assistant") {
    for (const call of turn.toolCalls) {
      blocks.push({
        type: "tool_use",
        id: call.id,
        name: call.function.name,
        input: parseArguments(call.function.arguments),
      });
    }
  }
  return blocks;
}

/**
 * Maps a conversation onto Messages API messages, enforcing Anthropic's rules: roles
 * alternate (consecutive same-role turns are merged; tool results are user turns), no message
 * is empty, and the first message is the user's.
 */
export function toAnthropicMessages(
  conversation: Conversation,
  acceptsImages: boolean,
): MessageParam[] {
  const messages: { role: "user" | "assistant"; content: ContentBlockParam[] }[] = [];
  for (const turn of conversation.turns) {
    const role = turn.role === "assistant" ? "assistant" : "user";
    const blocks = toBlocks(turn, acceptsImages);
    if (blocks.length === 0) continue;
    const previous = messages.at(-1);
    if (previous?.role === role) previous.content.push(...blocks);
    else messages.push({ role, content: blocks });
  }
  if (messages[0]?.role !== "user") {
    messages.unshift({ role: "user", content: [{ type: "text", text: CONVERSATION_START }] });
  }
  return messages;
}

/** Maps Poe (OpenAI-style) tool definitions onto Anthropic tools. */
export function toAnthropicTools(tools: ToolDefinition[]): Tool[] {
  return tools.map((tool) => ({
    name: tool.function.name,
    ...(tool.function.description != null && { description: tool.function.description }),
    input_schema: tool.function.parameters as Tool["input_schema"],
  }));
}
