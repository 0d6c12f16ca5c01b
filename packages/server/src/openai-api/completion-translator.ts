import {
  toolCallDefinitionDeltaSchema,
  type BotEvent,
  type ToolCallDefinition,
  type ToolCallDefinitionDelta,
} from "@parlor/protocol";
import { aggregateToolCallDeltas } from "@parlor/sdk";

/** A tool-call fragment as OpenAI streams it: absent fields left out rather than null. */
export interface ToolCallChunk {
  index: number;
  id?: string;
  type?: string;
  function: { name?: string; arguments: string };
}

/** A piece of an OpenAI assistant message: text to append and tool-call fragments. */
export interface CompletionDelta {
  content?: string;
  tool_calls?: ToolCallChunk[];
}

function toChunk(delta: ToolCallDefinitionDelta): ToolCallChunk {
  return {
    index: delta.index,
    ...(delta.id ? { id: delta.id } : {}),
    ...(delta.type ? { type: delta.type } : {}),
    function: {
      ...(delta.function.name ? { name: delta.function.name } : {}),
      arguments: delta.function.arguments,
    },
  };
}

/** `choices[0].delta` of an OpenAI chunk a model bot sent in a `json` event. */
function firstDelta(chunk: Record<string, unknown>): Record<string, unknown> | undefined {
  const choices = chunk.choices;
  const delta: unknown = Array.isArray(choices)
    ? (choices[0] as { delta?: unknown } | undefined)?.delta
    : undefined;
  return typeof delta === "object" && delta !== null
    ? (delta as Record<string, unknown>)
    : undefined;
}

function toolCallDeltas(delta: Record<string, unknown> | undefined): ToolCallDefinitionDelta[] {
  const calls = delta?.tool_calls;
  if (!Array.isArray(calls)) return [];
  return calls.flatMap((call) => {
    const parsed = toolCallDefinitionDeltaSchema.safeParse(call);
    return parsed.success ? [parsed.data] : [];
  });
}

function fileMarkdown(event: Extract<BotEvent, { event: "file" }>): string {
  const { name, url, content_type: type } = event.data;
  return `\n\n${type.startsWith("image/") ? "!" : ""}[${name}](${url})`;
}

/**
 * Turns a bot's events into an OpenAI assistant message, piece by piece. Text appends; a
 * `replace_response` that extends the text appends the rest (a stream cannot take text back,
 * so any other replacement is appended after a blank line, while `content` holds the text the
 * user of the chat would see); files become Markdown links; tool calls come from the OpenAI
 * chunks model bots send in `json` events, whose `content` is reply text when tools were given.
 */
export function createCompletionTranslator(toolsRequested: boolean) {
  let content = "";
  const fragments: ToolCallDefinitionDelta[] = [];
  return {
    translate(event: BotEvent): CompletionDelta | undefined {
      switch (event.event) {
        case "text":
          content += event.data.text;
          return event.data.text ? { content: event.data.text } : undefined;
        case "replace_response": {
          const previous = content;
          content = event.data.text;
          if (content.startsWith(previous)) {
            const rest = content.slice(previous.length);
            return rest ? { content: rest } : undefined;
          }
          return { content: `${previous ? "\n\n" : ""}${content}` };
        }
        case "file": {
          const link = fileMarkdown(event);
          content += link;
          return { content: link };
        }
        case "json": {
          const delta = firstDelta(event.data);
          const calls = toolCallDeltas(delta);
          fragments.push(...calls);
          const text =
            toolsRequested && typeof delta?.content === "string" ? delta.content : undefined;
          if (text) content += text;
          if (!text && calls.length === 0) return undefined;
          return {
            ...(text ? { content: text } : {}),
            ...(calls.length ? { tool_calls: calls.map(toChunk) } : {}),
          };
        }
        default:
          return undefined;
      }
    },
    /** The whole message so far, as the chat would show it. */
    content(): string {
      return content;
    },
    /** The complete tool calls, assembled from their fragments. */
    toolCalls(): ToolCallDefinition[] {
      return aggregateToolCallDeltas(fragments);
    },
  };
}

/** A completion translator. */
export type CompletionTranslator = ReturnType<typeof createCompletionTranslator>;
