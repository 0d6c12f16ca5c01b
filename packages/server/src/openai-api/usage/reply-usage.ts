import type { DispatchOutcome } from "../../relay/dispatch-reply.js";
import type { ChatCompletionRequest } from "../chat-completion-request.js";
import type { CompletionTranslator } from "../completion-translator.js";
import {
  completionUsage,
  countCompletionTokens,
  countPromptTokens,
  type CompletionUsage,
} from "./count-usage.js";
import { loadTokenCounter } from "./token-counter.js";

/** The usage of one finished reply, given how it ended and what it said. */
export type UsageOf = (
  outcome: DispatchOutcome,
  translator: CompletionTranslator,
) => Promise<CompletionUsage>;

/**
 * How a completion's `usage` is found: the vendor's count when the bot's runner reported one
 * (model bots, and bots over them), otherwise counted with the tokenizer, the prompt once and
 * the reply once at the end. Starts loading the tokenizer now, while the bot works.
 */
export function usageCounter(body: ChatCompletionRequest): UsageOf {
  const counter = loadTokenCounter();
  // Warming up must not become an unhandled rejection; a real failure shows when it is awaited.
  counter.catch(() => undefined);
  return async (outcome, translator) => {
    if (outcome.usage) {
      return completionUsage(outcome.usage.inputTokens, outcome.usage.outputTokens);
    }
    const count = await counter;
    return completionUsage(
      countPromptTokens(body, count),
      countCompletionTokens(translator.content(), translator.toolCalls(), count),
    );
  };
}
