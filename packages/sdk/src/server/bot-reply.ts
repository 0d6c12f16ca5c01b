import type { HeaderReader } from "../bot/query-context.js";

/** An HTTP request as the transport-neutral core sees it; adapters build it from their own. */
export interface IncomingBotRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: HeaderReader;
  /** The raw body text (signatures are checked over these exact bytes). */
  body: string;
  /**
   * Aborted when the caller goes away. Adapters may define it as a getter that creates the
   * controller on first use: most handlers never look, and a controller costs microseconds.
   */
  readonly signal: AbortSignal;
}

/**
 * Where a streamed reply's SSE frames go. Push, not pull: the query handler's output is
 * written as it comes, with no second async iterator in between (the hot path of every bot).
 */
export interface FrameSink {
  /** Takes one frame; a returned promise means "the client is slow, wait before the next". */
  write(frame: string): void | Promise<void>;
  /** True once the caller has gone; the producer stops at its next step. */
  readonly closed: boolean;
}

/** What the core answers; each adapter writes it in its own way. */
export type BotReply =
  | { type: "json"; status: number; body: unknown; headers?: Record<string, string> }
  | { type: "html"; status: number; body: string }
  | { type: "stream"; run: (sink: FrameSink) => Promise<void> };

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
