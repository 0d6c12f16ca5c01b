import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bot } from "../bot/define-bot.js";
import type { HeaderReader } from "../bot/query-context.js";
import { resolveBots, type BotLike } from "../bot/resolve-bots.js";
import {
  DEFAULT_KEEP_ALIVE_MS,
  keepAliveComment,
  SSE_HEADERS,
  type BotReply,
} from "./bot-reply.js";
import { createBotRouter } from "./bot-router.js";
import { handleBotRequest } from "./handle-bot-request.js";

/** Options of the Node listener. */
export interface NodeListenerOptions {
  /** Milliseconds of silence before a keep-alive comment is sent. Default 15,000. */
  keepAliveMs?: number;
  /** The largest request body accepted, in bytes; larger gets 413. Default 32 MiB. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * A `node:http` request listener serving bots. It writes straight to the socket instead of going
 * through web-standard Request/Response objects, which costs Node 20 several microseconds per
 * request; frames produced in the same event-loop turn go out in one write.
 */
export function createNodeListener(
  bots: BotLike | readonly BotLike[],
  options: NodeListenerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const route = createBotRouter(resolveBots(bots));
  const keepAlive = createKeepAlive(options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (request, response) => {
    const url = request.url ?? "/";
    const bot = route(url.split("?", 1)[0]!);
    if (!bot) return writeJson(response, 404, { detail: "Not Found" });
    readBody(
      request,
      maxBodyBytes,
      (body) => void handle(bot, request, response, body, keepAlive),
      () => writeJson(response, 413, { detail: "Request body too large" }),
    );
  };
}

async function handle(
  bot: Bot,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  keepAlive: KeepAlive,
): Promise<void> {
  // The abort signal, and the close listener behind it, are made on first use: most handlers
  // never look, and both cost microseconds on every request.
  let controller: AbortController | undefined;
  const signal = () => {
    if (controller) return controller.signal;
    const made = (controller = new AbortController());
    if (callerGone(response)) made.abort();
    else response.once("close", () => callerGone(response) && made.abort());
    return made.signal;
  };
  try {
    const reply = await handleBotRequest(bot, {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      headers: nodeHeaders(request),
      body,
      get signal() {
        return signal();
      },
    });
    await writeReply(response, reply, keepAlive);
  } catch (error) {
    console.error("Bot request failed:", error);
    if (!response.headersSent) writeJson(response, 500, { detail: "Internal server error" });
    else response.destroy();
  }
}

/** Reads Node's lower-cased header record without building a `Headers` object. */
function nodeHeaders(request: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = request.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * Reads the body as text, with callbacks rather than a promise: this runs on every request,
 * and most bodies arrive in one chunk.
 */
function readBody(
  request: IncomingMessage,
  maxBytes: number,
  onBody: (body: string) => void,
  onTooLarge: () => void,
): void {
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  let refused = false;
  request.on("data", (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > maxBytes) {
      refused = true;
      onTooLarge();
    } else if (!first) first = chunk;
    else (more ??= [first]).push(chunk);
  });
  request.on("end", () => {
    if (refused) return;
    onBody(more ? Buffer.concat(more).toString("utf8") : (first?.toString("utf8") ?? ""));
  });
  // A client that vanishes mid-body: nothing to answer, and no unhandled 'error' event.
  request.on("error", () => {});
}

function writeJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

async function writeReply(
  response: ServerResponse,
  reply: BotReply,
  keepAlive: KeepAlive,
): Promise<void> {
  switch (reply.type) {
    case "json":
      return writeJson(response, reply.status, reply.body, reply.headers);
    case "html":
      response.writeHead(reply.status, { "content-type": "text/html; charset=utf-8" });
      response.end(reply.body);
      return;
    case "stream": {
      response.writeHead(200, SSE_HEADERS);
      const sink = createResponseSink(response, keepAlive);
      return reply.run(sink).finally(() => sink.end());
    }
  }
}

/** Whether the client went away before the reply ended. */
function callerGone(response: ServerResponse): boolean {
  return !response.writableFinished && (response.destroyed || response.socket?.destroyed === true);
}

/**
 * A frame sink over a Node response: frames written in one event-loop turn go out in one
 * write (a short reply is a single `end`), and `drain` is awaited when the client reads slowly.
 */
function createResponseSink(response: ServerResponse, keepAlive: KeepAlive) {
  let pending = "";
  let flushScheduled = false;
  let drained: Promise<void> | undefined;
  let ended = false;
  const sink = {
    wroteSinceTick: false,
    write(frame: string) {
      pending += frame;
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
      return drained;
    },
    get closed() {
      return ended || callerGone(response);
    },
    /** Sends a comment if nothing went out since the last tick; called by the shared timer. */
    tick() {
      if (!sink.wroteSinceTick && !sink.closed) response.write(keepAliveComment());
      sink.wroteSinceTick = false;
    },
    end() {
      ended = true;
      keepAlive.remove(sink);
      if (response.destroyed) return;
      // write then end, in one tick: Node sends the frames and the final chunk in one writev.
      if (pending !== "") response.write(pending);
      response.end();
      pending = "";
    },
  };
  const flush = () => {
    flushScheduled = false;
    if (ended || pending === "" || response.destroyed) return;
    sink.wroteSinceTick = true;
    if (!response.write(pending)) {
      drained = new Promise((resolve) =>
        response.once("drain", () => {
          drained = undefined;
          resolve();
        }),
      );
    }
    pending = "";
  };
  keepAlive.add(sink);
  return sink;
}

/** Streams that may need keep-alive comments, served by one timer instead of one per stream. */
interface KeepAlive {
  add(stream: { tick(): void }): void;
  remove(stream: { tick(): void }): void;
}

/** One interval for all of a listener's streams; it stops itself when none are open. */
function createKeepAlive(intervalMs: number): KeepAlive {
  const streams = new Set<{ tick(): void }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    for (const stream of streams) stream.tick();
    if (streams.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  return {
    add(stream) {
      streams.add(stream);
      timer ??= setInterval(tick, intervalMs);
    },
    remove(stream) {
      streams.delete(stream);
    },
  };
}
