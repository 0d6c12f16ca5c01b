import { FinishReason as GeminiFinishReason, type GenerateContentResponse } from "@google/genai";
import { toolCallStartEvent } from "../internal/chat-chunk.js";
import type { FinishReason, ProviderEvent, TokenUsage } from "../model-provider.js";
import { encodeGeminiToolCallId } from "./gemini-tool-call-id.js";

const FINISH_REASONS: Partial<Record<string, FinishReason>> = {
  [GeminiFinishReason.STOP]: "stop",
  [GeminiFinishReason.MAX_TOKENS]: "length",
  [GeminiFinishReason.SAFETY]: "content_filter",
  [GeminiFinishReason.RECITATION]: "content_filter",
  [GeminiFinishReason.BLOCKLIST]: "content_filter",
  [GeminiFinishReason.PROHIBITED_CONTENT]: "content_filter",
  [GeminiFinishReason.SPII]: "content_filter",
  [GeminiFinishReason.IMAGE_SAFETY]: "content_filter",
};

/**
 * Translates Gemini stream chunks into provider events. Gemini sends whole function calls, not
 * deltas, so each becomes one delta with a fresh id and the next index.
 */
export class GeminiStreamMapper {
  /** The finish reason, once a chunk gave one; a stream that ends without it was cut. */
  finishReason: FinishReason | undefined;
  usage: TokenUsage | undefined;
  private toolCallCount = 0;

  constructor(private readonly model: string) {}

  /** The provider events one chunk becomes. */
  map(chunk: GenerateContentResponse): ProviderEvent[] {
    const events: ProviderEvent[] = [];
    const metadata = chunk.usageMetadata;
    if (metadata) {
      this.usage = {
        input_tokens: metadata.promptTokenCount ?? 0,
        // Thinking tokens are billed as output.
        output_tokens: (metadata.candidatesTokenCount ?? 0) + (metadata.thoughtsTokenCount ?? 0),
      };
    }
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thought) continue;
      if (part.text) events.push({ event: "text", data: { text: part.text } });
      if (part.functionCall) {
        const id = encodeGeminiToolCallId(part.thoughtSignature);
        const args = JSON.stringify(part.functionCall.args ?? {});
        const name = part.functionCall.name ?? "";
        events.push(toolCallStartEvent(this.model, this.toolCallCount++, id, name, args));
      }
    }
    if (candidate?.finishReason) {
      const reason = FINISH_REASONS[candidate.finishReason] ?? "stop";
      this.finishReason = reason === "stop" && this.toolCallCount > 0 ? "tool_calls" : reason;
    } else if (chunk.promptFeedback?.blockReason) {
      this.finishReason = "content_filter";
    }
    return events;
  }
}
