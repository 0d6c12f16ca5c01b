import type { Content, Part, Tool } from "@google/genai";
import type { ToolDefinition } from "@parlor/protocol";
import {
  inlineImageData,
  isImage,
  userText,
  type Conversation,
  type ConversationTurn,
} from "../internal/conversation.js";
import { thoughtSignatureOf } from "./gemini-tool-call-id.js";

/** Parses JSON from a tool message; Gemini wants objects, so anything else is wrapped. */
function asObject(json: string): Record<string, unknown> {
  let value: unknown = json;
  try {
    value = JSON.parse(json);
  } catch {
    // Not JSON: the text itself is the result.
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { result: value };
}

function toParts(turn: ConversationTurn, acceptsImages: boolean): Part[] {
  if (turn.role === "tool") {
    return turn.results.map((result) => ({
      functionResponse: { name: result.name, response: asObject(result.content) },
    }));
  }
  const parts: Part[] = [];
  const text = turn.role === "user" ? userText(turn, acceptsImages) : turn.text;
  if (text !== "") parts.push({ text });
  if (turn.role === "user" && acceptsImages) {
    for (const image of turn.attachments.filter(isImage)) {
      const inline = inlineImageData(image.url);
      parts.push(
        inline
          ? { inlineData: { mimeType: inline.mediaType, data: inline.base64 } }
          : { fileData: { mimeType: image.content_type, fileUri: image.url } },
      );
    }
  } else if (turn.role === "assistant") {
    for (const call of turn.toolCalls) {
      const thoughtSignature = thoughtSignatureOf(call.id);
      parts.push({
        functionCall: { name: call.function.name, args: asObject(call.function.arguments || "{}") },
        ...(thoughtSignature && { thoughtSignature }),
      });
    }
  }
  return parts;
}

/**
 * Maps a conversation onto Gemini contents: roles `user` and `model`, tool results as
 * `functionResponse` parts of a user turn, consecutive same-role turns merged.
 */
export function toGeminiContents(conversation: Conversation, acceptsImages: boolean): Content[] {
  const contents: { role: "user" | "model"; parts: Part[] }[] = [];
  for (const turn of conversation.turns) {
    const role = turn.role === "assistant" ? "model" : "user";
    const parts = toParts(turn, acceptsImages);
    if (parts.length === 0) continue;
    const previous = contents.at(-1);
    if (previous?.role === role) previous.parts.push(...parts);
    else contents.push({ role, parts });
  }
  return contents;
}

/** Maps Poe tool definitions onto one Gemini tool of function declarations (JSON Schema kept). */
export function toGeminiTools(tools: ToolDefinition[]): Tool[] {
  return [
    {
      functionDeclarations: tools.map((tool) => ({
        name: tool.function.name,
        ...(tool.function.description != null && { description: tool.function.description }),
        parametersJsonSchema: tool.function.parameters,
      })),
    },
  ];
}
