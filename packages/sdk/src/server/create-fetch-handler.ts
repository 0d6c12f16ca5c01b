import { resolveBots, type BotLike } from "../bot/resolve-bots.js";
import {
  DEFAULT_KEEP_ALIVE_MS,
  keepAliveComment,
  SSE_HEADERS,
  type BotReply,
} from "./bot-reply.js";
import { createBotRouter } from "./bot-router.js";
import { handleBotRequest } from "./handle-bot-request.js";
import { pullFrames } from "./pull-frames.js";

/** Options of the web-standard handler. */
export interface FetchHandlerOptions {
  /** Milliseconds of silence before a keep-alive comment is sent. Default 15,000. */
  keepAliveMs?: number;
}

/**
 * Serves bots as a web-standard `(Request) => Promise<Response>` handler, which mounts on Hono,
 * Next.js route handlers, Cloudflare Workers, Bun, Deno and anything else speaking Fetch.
 *
 * @example
 * export const POST = createFetchHandler(echoBot); // a Next.js route
 */
export function createFetchHandler(
  bots: BotLike | readonly BotLike[],
  options: FetchHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const route = createBotRouter(resolveBots(bots));
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  return async (request) => {
    const url = new URL(request.url);
    const bot = route(url.pathname);
    if (!bot) return Response.json({ detail: "Not Found" }, { status: 404 });
    const reply = await handleBotRequest(bot, {
      method: request.method,
      url: url.pathname + url.search,
      headers: request.headers,
      body: request.method === "POST" ? await request.text() : "",
      signal: request.signal,
    });
    return toResponse(reply, keepAliveMs);
  };
}

function toResponse(reply: BotReply, keepAliveMs: number): Response {
  switch (reply.type) {
    case "json":
      return Response.json(reply.body, { status: reply.status, headers: reply.headers ?? {} });
    case "html":
      return new Response(reply.body, {
        status: reply.status,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    case "stream":
      return new Response(frameStream(pullFrames(reply), keepAliveMs), { headers: SSE_HEADERS });
  }
}

/** A byte stream of the frames, with keep-alive comments while the bot is silent. */
function frameStream(frames: AsyncGenerator<string, void, undefined>, keepAliveMs: number) {
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  let wroteSinceTick = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        if (!wroteSinceTick) controller.enqueue(encoder.encode(keepAliveComment()));
        wroteSinceTick = false;
      }, keepAliveMs);
    },
    async pull(controller) {
      const next = await frames.next();
      if (next.done) {
        clearInterval(timer);
        controller.close();
        return;
      }
      wroteSinceTick = true;
      controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      // The caller went away: close the bot's generator so its cleanup runs.
      clearInterval(timer);
      await frames.return();
    },
  });
}
