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
import type { FrameSink } from "./bot-reply.js";

const DONE_FRAME = encodeSseEvent({ event: "done", data: {} });
const TEXT_PREFIX = "event: text\r\ndata: ";

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
 * Runs a bot's query handler and writes its reply as SSE frames. Strings become `text` events;
 * queued files go out before the next event; an exception becomes an `error` event; the reply
 * always ends with exactly one `done`. When the caller goes away, the handler's generator is
 * closed at its next step so its `finally` blocks run.
 */
export async function runQuery(
  bot: Bot,
  request: QueryRequest,
  requestContext: RequestContext,
  signal: () => AbortSignal,
  sink: FrameSink,
): Promise<void> {
  const pendingFiles: FileEventData[] = [];
  const context: QueryContext = {
    url: requestContext.url,
    headers: requestContext.headers,
    get signal() {
      return signal();
    },
    attachFile: (file) => pendingFiles.push(file),
  };
  const flushFiles = async () => {
    while (pendingFiles.length > 0) {
      await sink.write(encodeSseEvent({ event: "file", data: pendingFiles.shift()! }));
    }
  };
  try {
    // `for await` also walks sync iterables; the cast only tells TypeScript the item type.
    const responses = bot.onQuery(request, context) as AsyncIterable<BotResponse>;
    for await (const item of responses) {
      if (sink.closed) return;
      if (pendingFiles.length > 0) await flushFiles();
      // A handler that yields `done` itself ends the reply; the frame below is the only one.
      if (typeof item !== "string" && item.event === "done") break;
      const frame =
        typeof item === "string"
          ? `${TEXT_PREFIX}${JSON.stringify({ text: item })}\r\n\r\n`
          : encodeSseEvent(item);
      const slow = sink.write(frame);
      if (slow) await slow;
    }
  } catch (error) {
    if (sink.closed) return;
    await flushFiles();
    await sink.write(encodeSseEvent(exceptionEvent(error)));
  }
  // `await` on nothing still costs a turn of the microtask queue; only wait when asked to.
  if (pendingFiles.length > 0) await flushFiles();
  const slow = sink.write(DONE_FRAME);
  if (slow) await slow;
}
