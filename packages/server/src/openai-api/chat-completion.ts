import type { BotEvent } from "@parlor/protocol";
import type { DispatchOutcome } from "../relay/dispatch-reply.js";
import type { CompletionTranslator } from "./completion-translator.js";
import { createCompletionTranslator } from "./completion-translator.js";
import { OpenAIError } from "./openai-error.js";
import type { UsageOf } from "./usage/reply-usage.js";

/** Runs the bot for one reply, handing each event to `onEvent`. */
export type ReplyRun = (
  onEvent: (event: BotEvent) => void,
  signal: AbortSignal,
) => Promise<DispatchOutcome>;

/** What every object of one completion shares. */
export interface CompletionIdentity {
  id: string;
  /** Seconds since the epoch. */
  created: number;
  model: string;
}

/** Why the reply ended, in OpenAI's words. */
export function finishReason(
  outcome: DispatchOutcome,
  translator: CompletionTranslator,
): "stop" | "length" | "tool_calls" {
  if (translator.toolCalls().length > 0) return "tool_calls";
  return outcome.status === "incomplete" ? "length" : "stop";
}

/**
 * A bot's failed reply as an OpenAI error. The dispatcher already retried where that could
 * help, so clients are told not to retry on their own.
 */
export function botFailure(outcome: DispatchOutcome): OpenAIError {
  return new OpenAIError(502, outcome.errorText ?? "The bot returned an error", {
    type: "server_error",
    code: outcome.reply.error?.error_type ?? "bot_error",
    headers: { "x-should-retry": "false" },
  });
}

/** Runs a non-streaming completion to the end: a `chat.completion` object, or a bot failure. */
export async function completeChat(
  run: ReplyRun,
  identity: CompletionIdentity,
  options: { toolsRequested: boolean; signal: AbortSignal; usageOf: UsageOf },
) {
  const translator = createCompletionTranslator(options.toolsRequested);
  const outcome = await run((event) => void translator.translate(event), options.signal);
  if (outcome.status === "error") throw botFailure(outcome);
  const toolCalls = translator.toolCalls();
  return {
    ...identity,
    object: "chat.completion" as const,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant" as const,
          content: translator.content() || (toolCalls.length > 0 ? null : ""),
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(outcome, translator),
      },
    ],
    usage: await options.usageOf(outcome, translator),
  };
}
