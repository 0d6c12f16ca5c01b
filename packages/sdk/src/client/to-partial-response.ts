import {
  DEFAULT_META,
  toolCallDefinitionDeltaSchema,
  type BotEvent,
  type SseMessage,
  type ToolCallDefinitionDelta,
} from "@parlor/protocol";
import type { PartialResponse } from "./partial-response.js";

const empty = (): PartialResponse => ({
  text: "",
  isSuggestedReply: false,
  isReplaceResponse: false,
  toolCalls: [],
});

/** `choices[0].delta` of an OpenAI chunk, or nothing when the chunk has another shape. */
function firstDelta(chunk: Record<string, unknown>): Record<string, unknown> | undefined {
  const choices = chunk.choices;
  if (!Array.isArray(choices)) return undefined;
  const delta: unknown = (choices[0] as { delta?: unknown } | undefined)?.delta;
  return typeof delta === "object" && delta !== null
    ? (delta as Record<string, unknown>)
    : undefined;
}

/** Keeps the tool-call fragments that have the protocol's shape; others cannot be aggregated. */
function toolCallDeltas(delta: Record<string, unknown> | undefined): ToolCallDefinitionDelta[] {
  const calls = delta?.tool_calls;
  if (!Array.isArray(calls)) return [];
  return calls.flatMap((call) => {
    const parsed = toolCallDefinitionDeltaSchema.safeParse(call);
    return parsed.success ? [parsed.data] : [];
  });
}

function fromJson(chunk: Record<string, unknown>, toolsRequested: boolean): PartialResponse {
  const delta = firstDelta(chunk);
  const response: PartialResponse = { ...empty(), data: chunk, toolCalls: toolCallDeltas(delta) };
  // With tools, model bots send their answer only inside the chunks, so it becomes reply text.
  if (toolsRequested && typeof delta?.content === "string") response.text = delta.content;
  if (Number.isInteger(chunk.index)) response.index = chunk.index as number;
  return response;
}

/**
 * Turns a validated bot event into what callers of `streamRequest` see, or `undefined` for
 * events they do not get: `data` (fastapi_poe's client does not know it), `done` and `error`
 * (those end the stream instead).
 */
export function toPartialResponse(
  event: BotEvent,
  message: SseMessage,
  toolsRequested: boolean,
): PartialResponse | undefined {
  const raw = { type: message.event, text: message.data };
  switch (event.event) {
    case "meta": {
      const meta = { ...DEFAULT_META, ...event.data };
      return {
        ...empty(),
        meta: {
          contentType: meta.content_type,
          suggestedReplies: meta.suggested_replies,
          linkify: meta.linkify,
          refetchSettings: meta.refetch_settings,
        },
        rawResponse: event.data,
      };
    }
    case "text":
    case "replace_response": {
      const response: PartialResponse = {
        ...empty(),
        text: event.data.text,
        isReplaceResponse: event.event === "replace_response",
        rawResponse: raw,
      };
      if (event.data.index !== undefined) response.index = event.data.index;
      return response;
    }
    case "suggested_reply": {
      // Not reply text: code that adds up `text` must not print the button's label.
      const response: PartialResponse = {
        ...empty(),
        isSuggestedReply: true,
        suggestedReply: event.data.text,
        rawResponse: raw,
      };
      if (event.data.index !== undefined) response.index = event.data.index;
      return response;
    }
    case "file": {
      const { url, content_type, name, inline_ref, index } = event.data;
      const response: PartialResponse = {
        ...empty(),
        attachment: { url, contentType: content_type, name, inlineRef: inline_ref },
        rawResponse: raw,
      };
      if (index !== undefined) response.index = index;
      return response;
    }
    case "json":
      return fromJson(event.data, toolsRequested);
    case "data":
    case "error":
    case "done":
      return undefined;
  }
}
