import type { ToolDefinition } from "@parlor/protocol";
import type {
  ChatCompletionContentPart,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { isImage, userText, type Conversation } from "../internal/conversation.js";

/** Maps a conversation onto chat-completions messages; the system prompt comes first. */
export function toOpenAiMessages(
  conversation: Conversation,
  acceptsImages: boolean,
): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  if (conversation.system !== undefined) {
    messages.push({ role: "system", content: conversation.system });
  }
  for (const turn of conversation.turns) {
    if (turn.role === "user") {
      const text = userText(turn, acceptsImages);
      const images = acceptsImages ? turn.attachments.filter(isImage) : [];
      if (images.length === 0) {
        messages.push({ role: "user", content: text });
        continue;
      }
      const parts: ChatCompletionContentPart[] = [
        { type: "text", text },
        ...images.map((image) => ({
          type: "image_url" as const,
          image_url: { url: image.url },
        })),
      ];
      messages.push({ role: "user", content: parts });
    } else if (turn.role === "assistant") {
      messages.push({
        role: "assistant",
        content: turn.text === "" && turn.toolCalls.length > 0 ? null : turn.text,
        ...(turn.toolCalls.length > 0 && {
          tool_calls: turn.toolCalls.map((call) => ({
            id: call.id,
            type: "function" as const,
            function: { name: call.function.name, arguments: call.function.arguments },
          })),
        }),
      });
    } else {
      for (const result of turn.results) {
        messages.push({ role: "tool", tool_call_id: result.tool_call_id, content: result.content });
      }
    }
  }
  return messages;
}

/** Maps Poe tool definitions onto chat-completions tools (they are OpenAI's shape already). */
export function toOpenAiTools(tools: ToolDefinition[]): ChatCompletionTool[] {
  return tools.map((tool) => ({
    type: "function",
    function: {
      name: tool.function.name,
      ...(tool.function.description != null && { description: tool.function.description }),
      parameters: tool.function.parameters,
    },
  }));
}
