import type { HeaderReader } from "../bot/query-context.js";

/** An HTTP request as the transport-neutral core sees it; adapters build it from their own. */
export interface IncomingBotRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: HeaderReader;
  /** The raw body text (signatures are checked over these exact bytes). */
  body: string;
  /** Aborted when the caller goes away. */
  signal: AbortSignal;
}

/** What the core answers; each adapter writes it in its own way. */
export type BotReply =
  | { type: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { type: "html"; status: number; body: string }
  | { type: "stream"; frames: AsyncGenerator<string, void, undefined> };

/** The headers of every SSE reply, as fastapi_poe (sse-starlette) sends them. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
  "x-accel-buffering": "no",
};

/** How often a silent stream gets a keep-alive comment (sse-starlette's interval). */
export const DEFAULT_KEEP_ALIVE_MS = 15_000;

/** The keep-alive comment, in sse-starlette's shape: `: ping - <time>`. */
export function keepAliveComment(now: Date = new Date()): string {
  return `: ping - ${now.toISOString()}\r\n\r\n`;
}
