import type { IncomingMessage, ServerResponse } from "node:http";
import type { Bot } from "../bot/define-bot.js";
import { resolveBots, type BotLike } from "../bot/resolve-bots.js";
import { DEFAULT_KEEP_ALIVE_MS, SSE_HEADERS, type BotReply } from "./bot-reply.js";
import { createBotRouter } from "./bot-router.js";
import { answerBotRequest } from "./handle-bot-request.js";
import { NodeBotRequest } from "./node-bot-request.js";
import { ResponseSink, StreamTimers } from "./node-response-sink.js";

/** Options of the Node listener. */
export interface NodeListenerOptions {
  /** Milliseconds of silence before a keep-alive comment is sent. Default 15,000. */
  keepAliveMs?: number;
  /** The largest request body accepted, in bytes; larger gets 413. Default 32 MiB. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** SSE_HEADERS as the flat [name, value, …] list `writeHead` takes without walking an object. */
const SSE_HEADER_LIST = Object.entries(SSE_HEADERS).flat();

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
  const timers = new StreamTimers(options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (request, response) => {
    const url = request.url ?? "/";
    const query = url.indexOf("?");
    const bot = route(query === -1 ? url : url.slice(0, query));
    if (!bot) return writeJson(response, 404, { detail: "Not Found" });
    readBody(request, maxBodyBytes, (body) => {
      if (body === undefined) writeJson(response, 413, { detail: "Request body too large" });
      else handle(bot, request, response, body, timers);
    });
  };
}

/**
 * Answers one request. Everything but settings and reports is answered in the same turn, with
 * no promise between the request and the reply: on the hot path each one costs.
 */
function handle(
  bot: Bot,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  timers: StreamTimers,
): void {
  try {
    const reply = answerBotRequest(bot, new NodeBotRequest(request, response, body));
    if (!(reply instanceof Promise)) return writeReply(response, reply, timers);
    reply
      .then((ready) => writeReply(response, ready, timers))
      .catch((error: unknown) => fail(response, error));
  } catch (error) {
    fail(response, error);
  }
}

/** The one place where an unexpected failure becomes an answer: a 500, or a cut connection. */
function fail(response: ServerResponse, error: unknown): void {
  console.error("Bot request failed:", error);
  if (!response.headersSent) writeJson(response, 500, { detail: "Internal server error" });
  else response.destroy();
}

/**
 * Reads the body as text, or undefined once it passes `maxBytes`. A callback rather than a
 * promise: this runs on every request, and most bodies arrive in one chunk.
 */
function readBody(
  request: IncomingMessage,
  maxBytes: number,
  onBody: (body: string | undefined) => void,
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
      onBody(undefined);
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

function writeReply(response: ServerResponse, reply: BotReply, timers: StreamTimers): void {
  switch (reply.type) {
    case "json":
      return writeJson(response, reply.status, reply.body, reply.headers);
    case "html":
      response.writeHead(reply.status, { "content-type": "text/html; charset=utf-8" });
      response.end(reply.body);
      return;
    case "stream": {
      response.writeHead(200, SSE_HEADER_LIST);
      const sink = new ResponseSink(response, timers);
      reply.run(sink).then(
        () => endStream(response, sink, false),
        (error: unknown) => endStream(response, sink, true, error),
      );
      return;
    }
  }
}

/** Ends a streamed reply even when its run failed; that failure, or one in ending, is reported. */
function endStream(response: ServerResponse, sink: ResponseSink, failed: boolean, error?: unknown) {
  try {
    sink.end();
  } catch (endError) {
    return fail(response, endError);
  }
  if (failed) fail(response, error);
}
