import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import { toolCallArgumentsEvent, toolCallStartEvent } from "../internal/chat-chunk.js";
import type { FinishReason, ProviderEvent, TokenUsage } from "../model-provider.js";

const FINISH_REASONS: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

/**
 * Translates Anthropic stream events into provider events. Anthropic's content-block index
 * counts text blocks too, so tool calls are renumbered 0, 1, 2… as OpenAI's deltas are.
 */
export class AnthropicStreamMapper {
  /** Set by `message_stop`; a stream without it was cut. */
  finished = false;
  finishReason: FinishReason = "stop";
  readonly usage: TokenUsage = { input_tokens: 0, output_tokens: 0 };
  /** Content-block index → tool-call index, and whether that call got any arguments yet. */
  private readonly toolCalls = new Map<number, { index: number; hasArguments: boolean }>();

  constructor(private readonly model: string) {}

  /** The provider events one vendor event becomes. */
  map(event: RawMessageStreamEvent): ProviderEvent[] {
    switch (event.type) {
      case "message_start": {
        const usage = event.message.usage;
        // Cached prompt tokens are counted apart from `input_tokens`; all of them were read.
        this.usage.input_tokens =
          usage.input_tokens +
          (usage.cache_creation_input_tokens ?? 0) +
          (usage.cache_read_input_tokens ?? 0);
        this.usage.output_tokens = usage.output_tokens;
        return [];
      }
      case "content_block_start": {
        const block = event.content_block;
        if (block.type === "text") return block.text ? [textEvent(block.text)] : [];
        if (block.type !== "tool_use") return [];
        const index = this.toolCalls.size;
        this.toolCalls.set(event.index, { index, hasArguments: false });
        return [toolCallStartEvent(this.model, index, block.id, block.name)];
      }
      case "content_block_delta": {
        if (event.delta.type === "text_delta") return [textEvent(event.delta.text)];
        const call = this.toolCalls.get(event.index);
        if (event.delta.type !== "input_json_delta" || !call || !event.delta.partial_json)
          return [];
        call.hasArguments = true;
        return [toolCallArgumentsEvent(this.model, call.index, event.delta.partial_json)];
      }
      case "content_block_stop": {
        const call = this.toolCalls.get(event.index);
        // A tool without parameters streams no JSON; its arguments are still an object.
        if (!call || call.hasArguments) return [];
        call.hasArguments = true;
        return [toolCallArgumentsEvent(this.model, call.index, "{}")];
      }
      case "message_delta":
        if (event.delta.stop_reason) {
          this.finishReason = FINISH_REASONS[event.delta.stop_reason] ?? "stop";
        }
        this.usage.output_tokens = event.usage.output_tokens;
        return [];
      case "message_stop":
        this.finished = true;
        return [];
      default:
        return [];
    }
  }
}

function textEvent(text: string): ProviderEvent {
  return { event: "text", data: { text } };
}
