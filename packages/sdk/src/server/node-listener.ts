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
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (request, response) => {
    const url = request.url ?? "/";
    const bot = route(url.split("?", 1)[0]!);
    if (!bot) return writeJson(response, 404, { detail: "Not Found" });
    readBody(request, maxBodyBytes).then(
      (body) => handle(bot, request, response, body, keepAliveMs),
      () => writeJson(response, 413, { detail: "Request body too large" }),
    );
  };
}

async function handle(
  bot: Bot,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  keepAliveMs: number,
): Promise<void> {
  const abort = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) abort.abort();
  });
  try {
    const reply = await handleBotRequest(bot, {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      headers: nodeHeaders(request),
      body,
      signal: abort.signal,
    });
    await writeReply(response, reply, keepAliveMs, abort.signal);
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

function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners("data");
        request.resume();
        reject(new Error("body too large"));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
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
  keepAliveMs: number,
  signal: AbortSignal,
): Promise<void> {
  switch (reply.type) {
    case "json":
      return writeJson(response, reply.status, reply.body, reply.headers);
    case "html":
      response.writeHead(reply.status, { "content-type": "text/html; charset=utf-8" });
      response.end(reply.body);
      return;
    case "stream":
      response.writeHead(200, SSE_HEADERS);
      return writeFrames(response, reply.frames, keepAliveMs, signal);
  }
}

/**
 * Writes SSE frames, coalescing those produced in one event-loop turn into a single write,
 * waiting for `drain` when the client reads slowly, and sending keep-alives while silent.
 */
async function writeFrames(
  response: ServerResponse,
  frames: AsyncGenerator<string, void, undefined>,
  keepAliveMs: number,
  signal: AbortSignal,
): Promise<void> {
  let pending = "";
  let flushScheduled = false;
  let drained: Promise<void> | undefined;
  let wroteSinceTick = false;
  const flush = () => {
    flushScheduled = false;
    if (pending === "" || response.destroyed) return;
    wroteSinceTick = true;
    if (!response.write(pending)) {
      drained = new Promise((resolve) => response.once("drain", resolve));
    }
    pending = "";
  };
  const keepAlive = setInterval(() => {
    if (!wroteSinceTick) response.write(keepAliveComment());
    wroteSinceTick = false;
  }, keepAliveMs);
  try {
    for await (const frame of frames) {
      if (signal.aborted) break;
      pending += frame;
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
      if (drained) {
        await drained;
        drained = undefined;
      }
    }
  } finally {
    clearInterval(keepAlive);
    flush();
    response.end();
  }
}
