import { eventStreamResponse, type StreamClient } from "../poe-api/event-stream-response.js";
import {
  botFailure,
  finishReason,
  type CompletionIdentity,
  type ReplyRun,
} from "./chat-completion.js";
import { createCompletionTranslator, type CompletionDelta } from "./completion-translator.js";
import type { UsageOf } from "./usage/reply-usage.js";

/**
 * A streaming completion as OpenAI sends it: `data: <chat.completion.chunk>` lines, a final
 * chunk with `finish_reason`, then `data: [DONE]`. A bot failure becomes an `error` chunk,
 * which OpenAI's SDKs raise as an APIError. With `usageOf` (the request's
 * `stream_options.include_usage`) every chunk carries `usage: null` and one more chunk, with no
 * choices, carries the usage before `[DONE]`, as OpenAI streams it.
 */
export function streamChat(
  run: ReplyRun,
  identity: CompletionIdentity,
  options: {
    toolsRequested: boolean;
    /** Set when the client asked for usage. */
    usageOf: UsageOf | undefined;
    client: StreamClient;
    onError: (error: unknown) => void;
  },
): Response {
  return eventStreamResponse(
    async (write, signal) => {
      const send = (data: unknown) => write(`data: ${JSON.stringify(data)}\n\n`);
      const withUsage = options.usageOf ? { usage: null } : {};
      const chunk = (delta: CompletionDelta & { role?: "assistant" }, finish: string | null) => ({
        ...identity,
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...withUsage,
      });
      const translator = createCompletionTranslator(options.toolsRequested);
      send(chunk({ role: "assistant", content: "" }, null));
      try {
        const outcome = await run((event) => {
          const delta = translator.translate(event);
          if (delta) send(chunk(delta, null));
        }, signal);
        if (outcome.status === "error") {
          const failure = botFailure(outcome);
          send({
            error: {
              message: failure.message,
              type: failure.type,
              code: failure.code,
              param: null,
            },
          });
        } else {
          send(chunk({}, finishReason(outcome, translator)));
          if (options.usageOf) {
            const usage = await options.usageOf(outcome, translator);
            send({ ...identity, object: "chat.completion.chunk", choices: [], usage });
          }
        }
      } catch (error) {
        options.onError(error);
        send({
          error: {
            message: "Something went wrong on our side",
            type: "server_error",
            code: "internal_error",
            param: null,
          },
        });
      }
      write("data: [DONE]\n\n");
    },
    { client: options.client, onError: options.onError },
  );
}
