import { encodeSseEvent, type BotEvent, type ErrorEventData } from "@parlor/protocol";
import type { DispatchOutcome } from "../relay/dispatch-reply.js";
import { eventStreamResponse, type StreamClient } from "./event-stream-response.js";

/** Events a caller receives; `data` stays with the platform (fastapi_poe's client rejects it). */
const FORWARDED = new Set<BotEvent["event"]>([
  "meta",
  "text",
  "replace_response",
  "suggested_reply",
  "file",
  "json",
]);

/** The `error` event that tells the caller a reply did not complete, or nothing when it did. */
export function outcomeError(outcome: DispatchOutcome): ErrorEventData | undefined {
  if (outcome.status === "complete") return undefined;
  const botError = outcome.reply.error;
  const data: ErrorEventData = {
    allow_retry: outcome.allowRetry ?? false,
    text: outcome.errorText ?? "The bot did not finish its reply",
  };
  if (botError?.error_type !== undefined) data.error_type = botError.error_type;
  return data;
}

/**
 * Streams a reply as Poe does: the bot's events as CRLF SSE frames, then `error` when it did
 * not complete, then `done`. A platform failure mid-stream becomes an `error` event too.
 */
export function poeReplyStream(
  run: (onEvent: (event: BotEvent) => void, signal: AbortSignal) => Promise<DispatchOutcome>,
  options: { client: StreamClient; onError: (error: unknown) => void },
): Response {
  return eventStreamResponse(
    async (write, signal) => {
      let failure: ErrorEventData | undefined;
      try {
        const outcome = await run((event) => {
          if (FORWARDED.has(event.event)) write(encodeSseEvent(event));
        }, signal);
        failure = outcomeError(outcome);
      } catch (error) {
        options.onError(error);
        failure = { allow_retry: true, text: "Something went wrong on our side" };
      }
      if (failure) write(encodeSseEvent({ event: "error", data: failure }));
      write(encodeSseEvent({ event: "done", data: {} }));
    },
    { client: options.client, onError: options.onError },
  );
}
