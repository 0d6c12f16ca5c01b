import {
  toolCallDefinitionSchema,
  toolResultDefinitionSchema,
  type Attachment,
  type ToolCallDefinition,
  type ToolResultDefinition,
} from "@parlor/protocol";
import { z } from "zod";
import type { ModelRequest } from "../model-provider.js";

/** One turn of a chat in vendor-neutral form; each adapter maps these onto its vendor's shape. */
export type ConversationTurn =
  | { role: "user"; text: string; attachments: Attachment[] }
  | { role: "assistant"; text: string; toolCalls: ToolCallDefinition[] }
  | { role: "tool"; results: ToolResultDefinition[] };

/** A request's chat: the joined system prompt and the other turns, oldest first. */
export interface Conversation {
  system: string | undefined;
  turns: ConversationTurn[];
}

const toolCallsSchema = z.array(toolCallDefinitionSchema);
const toolResultsSchema = z.array(toolResultDefinitionSchema);

/** Parses a tool-loop message body; a malformed one is kept as nothing rather than failing. */
function parseJsonList<T>(content: string, schema: z.ZodType<T[]>): T[] {
  try {
    const parsed = schema.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Reads a Poe query as a conversation: system messages become the system prompt, `bot`
 * messages assistant turns, the tool loop's `function_call` bot messages and `tool` messages
 * become tool calls and results, and the 2-step style's top-level `tool_calls`/`tool_results`
 * are appended last. Roles the protocol does not know are ignored, as it asks.
 */
export function toConversation(request: ModelRequest): Conversation {
  const systemParts: string[] = [];
  const turns: ConversationTurn[] = [];
  for (const message of request.query) {
    if (message.role === "system") systemParts.push(message.content);
    else if (message.role === "user") {
      turns.push({ role: "user", text: message.content, attachments: message.attachments });
    } else if (message.role === "bot" && message.message_type === "function_call") {
      const toolCalls = parseJsonList(message.content, toolCallsSchema);
      turns.push({ role: "assistant", text: "", toolCalls });
    } else if (message.role === "bot") {
      turns.push({ role: "assistant", text: message.content, toolCalls: [] });
    } else if (message.role === "tool") {
      turns.push({ role: "tool", results: parseJsonList(message.content, toolResultsSchema) });
    }
  }
  if (request.tool_calls?.length) {
    turns.push({ role: "assistant", text: "", toolCalls: request.tool_calls });
  }
  if (request.tool_results?.length) turns.push({ role: "tool", results: request.tool_results });
  const system = systemParts.filter((part) => part.trim() !== "").join("\n\n");
  return { system: system === "" ? undefined : system, turns };
}

/** Whether an attachment is an image a vision model can look at. */
export function isImage(attachment: Attachment): boolean {
  return attachment.content_type.startsWith("image/");
}

/**
 * The text of a user turn with what the model cannot see inline: the parsed content of
 * non-image files, and of images when the model takes no images.
 */
export function userText(
  turn: { text: string; attachments: Attachment[] },
  acceptsImages: boolean,
): string {
  const extras = turn.attachments
    .filter((attachment) => !(acceptsImages && isImage(attachment)))
    .filter((attachment) => attachment.parsed_content !== null)
    .map((attachment) => `${attachment.name}:\n${attachment.parsed_content ?? ""}`);
  return [turn.text, ...extras].join("\n\n");
}

/**
 * The bytes of an image sent inline as a `data:` URL (`data:image/png;base64,…`), as the
 * platform sends files vendors cannot fetch themselves; undefined for a URL to fetch.
 */
export function inlineImageData(url: string): { mediaType: string; base64: string } | undefined {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1]!, base64: match[2]! } : undefined;
}
