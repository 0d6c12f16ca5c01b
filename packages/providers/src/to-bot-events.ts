import type { BotEvent } from "@parlor/protocol";
import { chunkEvent } from "./internal/chat-chunk.js";
import type { ProviderEvent, TokenUsage } from "./model-provider.js";
import { ProviderError } from "./provider-errors.js";

/** Options of `toBotEvents`. */
export interface ToBotEventsOptions {
  /** Whether the query carried `tools`: then, as Poe's model bots do, everything goes in `json` chunks. */
  toolsRequested: boolean;
  /** Receives the reply's token usage, e.g. to store it. */
  onUsage?: (usage: TokenUsage) => void;
}

/**
 * Turns a provider's answer into the events a Poe bot sends: `text` (or, with tools, OpenAI
 * chunks in `json` events, ending with the finish reason and a usage chunk), then `done`; a
 * failure becomes one `error` event with a plain message.
 */
export async function* toBotEvents(
  events: AsyncIterable<ProviderEvent>,
  options: ToBotEventsOptions,
): AsyncGenerator<BotEvent> {
  try {
    for await (const event of events) {
      if (event.event === "usage") {
        options.onUsage?.(event.data);
        if (!options.toolsRequested) continue;
        const { input_tokens, output_tokens } = event.data;
        const usage = {
          prompt_tokens: input_tokens,
          completion_tokens: output_tokens,
          total_tokens: input_tokens + output_tokens,
        };
        yield { event: "json", data: { object: "chat.completion.chunk", choices: [], usage } };
      } else if (event.event === "finish") {
        if (options.toolsRequested) yield chunkEvent("", {}, event.data.finish_reason) as BotEvent;
      } else if (event.event === "text" && options.toolsRequested) {
        yield chunkEvent("", { content: event.data.text }) as BotEvent;
      } else {
        yield event;
      }
    }
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    yield {
      event: "error",
      data: { allow_retry: error.isRetryable, text: error.message, error_type: error.code },
    };
    return;
  }
  yield { event: "done", data: {} };
}
