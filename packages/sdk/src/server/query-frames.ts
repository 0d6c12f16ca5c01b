import {
  encodeSseEvent,
  type BotEvent,
  type FileEventData,
  type QueryRequest,
} from "@parlor/protocol";
import { errorResponse, type BotResponse } from "../bot/bot-response.js";
import type { Bot } from "../bot/define-bot.js";
import type { HeaderReader, QueryContext, RequestContext } from "../bot/query-context.js";
import { InsufficientFundError } from "../errors.js";
import type { FrameSink } from "./bot-reply.js";

const DONE_FRAME = encodeSseEvent({ event: "done", data: {} });
const TEXT_PREFIX = 'event: text\r\ndata: {"text":';

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

/** An exception that is no bug: a refused charge, or the abort of a call whose caller left. */
function isExpected(error: unknown, sink: FrameSink): boolean {
  if (error instanceof InsufficientFundError) return true;
  return sink.closed && error instanceof Error && error.name === "AbortError";
}

/**
 * What a handler sees as `context`. A class rather than an object literal with a getter, which
 * would give every request its own hidden class (see node-bot-request.ts).
 */
class HandlerContext implements QueryContext {
  readonly url: string;
  readonly headers: HeaderReader;
  /** Files queued by `attachFile`, sent before the next event. */
  readonly pendingFiles: FileEventData[] = [];

  constructor(private readonly incoming: RequestContext & { readonly signal: AbortSignal }) {
    this.url = incoming.url;
    this.headers = incoming.headers;
  }

  get signal(): AbortSignal {
    return this.incoming.signal;
  }

  /** A bound function, so a handler may destructure it: `onQuery(request, { attachFile })`. */
  readonly attachFile = (file: FileEventData): void => {
    this.pendingFiles.push(file);
  };
}

/**
 * Runs a bot's query handler and writes its reply as SSE frames. Strings become `text` events;
 * queued files go out before the next event; an exception becomes an `error` event; the reply
 * always ends with exactly one `done`. When the caller goes away, the handler's generator is
 * closed at its next step so its `finally` blocks run. `incoming` is read for the URL, the
 * headers and, only if the handler asks, the abort signal.
 */
export async function runQuery(
  bot: Bot,
  request: QueryRequest,
  incoming: RequestContext & { readonly signal: AbortSignal },
  sink: FrameSink,
): Promise<void> {
  const context = new HandlerContext(incoming);
  const pendingFiles = context.pendingFiles;
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
      // `{"text":` + the quoted string + `}` is what JSON.stringify({ text }) gives, minus an object.
      const frame =
        typeof item === "string"
          ? `${TEXT_PREFIX}${JSON.stringify(item)}}\r\n\r\n`
          : encodeSseEvent(item);
      const slow = sink.write(frame);
      if (slow) await slow;
    }
  } catch (error) {
    // The user sees a generic message; the owner needs the exception itself, as fastapi_poe logs it.
    if (!isExpected(error, sink))
      bot.logger(`Error responding to query ${request.message_id}:`, error);
    if (sink.closed) return;
    await flushFiles();
    await sink.write(encodeSseEvent(exceptionEvent(error)));
  }
  // `await` on nothing still costs a turn of the microtask queue; only wait when asked to.
  if (pendingFiles.length > 0) await flushFiles();
  const slow = sink.write(DONE_FRAME);
  if (slow) await slow;
}
