import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createSseDecoder, type TracedEvent } from "@parlor/protocol";

/** What the tap saw of one call, told as it happens. */
export interface CallObserver {
  request(body: string): void;
  event(event: TracedEvent): void;
  /** The bot's HTTP status (null when it could not be reached), and every event in order. */
  end(outcome: {
    status: number | null;
    events: TracedEvent[];
    durationMs: number;
    error?: string;
  }): void;
}

/** Options of {@link startCallTap}. */
export interface CallTapOptions {
  port: number;
  /** Where the bot listens; null until it has started once (then calls fail at once). */
  target(): number | null;
  /** Called once per request; returns who hears about it. */
  observe(): CallObserver;
  /** How long to wait for a bot that is restarting before answering 502. */
  reconnectMs?: number;
}

/** A running tap. */
export interface CallTap {
  url: string;
  port: number;
  close(): Promise<void>;
}

// Hop-by-hop headers are the connection's own, not the request's.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "host",
  "content-length",
]);

function forwardedHeaders(headers: IncomingMessage["headers"]): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends the request to the bot once; rejects with the socket error when nothing is listening. */
function sendOnce(
  port: number,
  incoming: IncomingMessage,
  body: Buffer,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...forwardedHeaders(incoming.headers), "content-length": body.length },
        signal,
      },
      resolve,
    );
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

/** Sends to the bot, waiting out a reload: connection refused means it is starting again. */
async function sendToBot(
  options: CallTapOptions,
  incoming: IncomingMessage,
  body: Buffer,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const deadline = Date.now() + (options.reconnectMs ?? 10_000);
  for (;;) {
    const port = options.target();
    if (port === null) throw new Error("it has not started yet");
    try {
      return await sendOnce(port, incoming, body, signal);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== "ECONNREFUSED" && code !== "ECONNRESET") || Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

async function relay(options: CallTapOptions, incoming: IncomingMessage, outgoing: ServerResponse) {
  // Registration asks for settings before the bot first runs; that is no call worth showing.
  if (options.target() === null) {
    outgoing.writeHead(503, { "content-type": "text/plain" }).end("the bot is starting");
    return;
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const observer = options.observe();
  const body = await readBody(incoming);
  observer.request(body.toString("utf8"));
  const events: TracedEvent[] = [];
  const abort = new AbortController();
  // The platform hung up (the user pressed stop): stop the bot's work too.
  outgoing.once("close", () => abort.abort());
  let answer: IncomingMessage;
  try {
    answer = await sendToBot(options, incoming, body, abort.signal);
  } catch (error) {
    const message = `the bot is not running: ${(error as Error).message}`;
    outgoing.writeHead(502, { "content-type": "text/plain" }).end(message);
    observer.end({ status: null, events, durationMs: elapsed(), error: message });
    return;
  }
  outgoing.writeHead(answer.statusCode ?? 502, forwardedHeaders(answer.headers));
  const decoder = createSseDecoder({
    onMessage: (message) => {
      const event = { ms: elapsed(), event: message.event, data: message.data };
      events.push(event);
      observer.event(event);
    },
  });
  const isStream = String(answer.headers["content-type"]).startsWith("text/event-stream");
  const text = new TextDecoder();
  try {
    for await (const chunk of answer) {
      outgoing.write(chunk);
      if (isStream) decoder.feed(text.decode(chunk as Buffer, { stream: true }));
    }
    decoder.end();
  } catch (error) {
    observer.end({
      status: answer.statusCode ?? null,
      events,
      durationMs: elapsed(),
      error: (error as Error).message,
    });
    outgoing.destroy();
    return;
  }
  outgoing.end();
  observer.end({ status: answer.statusCode ?? null, events, durationMs: elapsed() });
}

/**
 * A local HTTP proxy in front of the bot: the platform calls it at a URL that stays the same
 * across reloads, it passes every request and answer on unchanged, and tells an observer about
 * each call and each event as it goes through.
 */
export async function startCallTap(options: CallTapOptions): Promise<CallTap> {
  const server = createServer((incoming, outgoing) => {
    relay(options, incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500).end(String(error));
      else outgoing.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
