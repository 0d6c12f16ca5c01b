import { eventStreamResponse, type StreamClient } from "../poe-api/event-stream-response.js";
import {
  botFailure,
  finishReason,
  type CompletionIdentity,
  type ReplyRun,
} from "./chat-completion.js";
import { createCompletionTranslator, type CompletionDelta } from "./completion-translator.js";

/**
 * A streaming completion as OpenAI sends it: `data: <chat.completion.chunk>` lines, a final
 * chunk with `finish_reason`, then `data: [DONE]`. A bot failure becomes an `error` chunk,
 * which OpenAI's SDKs raise as an APIError.
 */
export function streamChat(
  run: ReplyRun,
  identity: CompletionIdentity,
  options: {
    toolsRequested: boolean;
    client: StreamClient;
    onError: (error: unknown) => void;
  },
): Response {
  return eventStreamResponse(
    async (write, signal) => {
      const send = (data: unknown) => write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = (delta: CompletionDelta & { role?: "assistant" }, finish: string | null) => ({
        ...identity,
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
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
