import {
  encodeSseEvent,
  type BotEvent,
  type FileEventData,
  type QueryRequest,
} from "@parlor/protocol";
import { errorResponse, type BotResponse } from "../bot/bot-response.js";
import type { Bot } from "../bot/define-bot.js";
import type { QueryContext, RequestContext } from "../bot/query-context.js";
import { InsufficientFundError } from "../errors.js";

const DONE_FRAME = encodeSseEvent({ event: "done", data: {} });

/** The event a handler's exception becomes, as in fastapi_poe: no retry, a generic message. */
function exceptionEvent(error: unknown): BotEvent {
  if (error instanceof InsufficientFundError) {
    return errorResponse("", { errorType: "insufficient_fund" });
  }
  const rawResponse = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return errorResponse("The bot encountered an unexpected issue.", {
    allowRetry: false,
    rawResponse,
  });
}

/**
 * Runs a bot's query handler and yields its reply as SSE frames. Strings become `text` events;
 * queued files go out before the next event; an exception becomes an `error` event; the reply
 * always ends with exactly one `done`. When the consumer stops early (the caller disconnected),
 * the handler's generator is closed so its `finally` blocks run, and `signal` is aborted.
 */
export async function* queryFrames(
  bot: Bot,
  request: QueryRequest,
  requestContext: RequestContext,
  signal: AbortSignal,
): AsyncGenerator<string, void, undefined> {
  const pendingFiles: FileEventData[] = [];
  const context: QueryContext = {
    ...requestContext,
    signal,
    attachFile: (file) => pendingFiles.push(file),
  };
  const flushFiles = function* () {
    while (pendingFiles.length > 0)
      yield encodeSseEvent({ event: "file", data: pendingFiles.shift()! });
  };
  try {
    // `for await` also walks sync iterables; the cast only tells TypeScript the item type.
    const responses = bot.onQuery(request, context) as AsyncIterable<BotResponse>;
    for await (const item of responses) {
      yield* flushFiles();
      if (typeof item === "string") {
        yield encodeSseEvent({ event: "text", data: { text: item } });
        continue;
      }
      // A handler that yields `done` itself ends the reply; the frame below is the only one.
      if (item.event === "done") break;
      yield encodeSseEvent(item);
    }
  } catch (error) {
    if (signal.aborted) return;
    yield* flushFiles();
    yield encodeSseEvent(exceptionEvent(error));
  }
  yield* flushFiles();
  yield DONE_FRAME;
}
