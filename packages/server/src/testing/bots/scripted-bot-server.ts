import { createIdentifier, encodeSseEvent } from "@parlor/protocol";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** A request the bot received, exactly as it arrived on the wire. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** The body bytes as text, for signature checks. */
  rawBody: string;
  body: Record<string, unknown>;
  /** The request's `type`: query, settings, report_error, report_feedback… */
  type: string;
}

/** One query being answered; a script (or the test itself) decides what goes on the wire. */
export interface QueryExchange {
  request: ReceivedRequest;
  response: ServerResponse;
  /** Sends the SSE head (200, text/event-stream) now, before any event. Idempotent. */
  open(): void;
  /** Writes one SSE event; objects are JSON-encoded, strings are sent as they are. */
  send(event: string, data?: unknown): void;
  /** Ends the response normally (after `done`, or without it to misbehave). */
  end(): void;
  /** Destroys the socket mid-reply, as a crashed process would. */
  crash(): void;
  /** Resolves when the connection closes, from either side (stop, timeout, shutdown, end). */
  closed: Promise<void>;
  /** Whether the platform hung up before the reply ended. */
  readonly abandoned: boolean;
}

/** What a bot does with a query. */
export type QueryScript = (exchange: QueryExchange) => void | Promise<void>;

/** A Poe-protocol bot written on bare node:http, so it can break the protocol at will. */
export interface ScriptedBot {
  url: string;
  /** The 32-character access key to register the bot with. */
  accessKey: string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** The requests of one type, in order. */
  received(type: string): ReceivedRequest[];
  /** Resolves with the first request of `type` that matches, waiting for it if needed. */
  waitFor(
    type: string,
    predicate?: (request: ReceivedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedRequest>;
  /** With no script: the next query, for a test that drives the reply step by step. */
  nextQuery(timeoutMs?: number): Promise<QueryExchange>;
  close(): Promise<void>;
}

async function readRequest(request: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString("utf8");
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    // Recorded as received; the test decides whether that matters.
  }
  return {
    headers: request.headers,
    rawBody,
    body,
    type: typeof body.type === "string" ? body.type : "",
  };
}

function createExchange(request: ReceivedRequest, response: ServerResponse): QueryExchange {
  let finished = false;
  const closed = new Promise<void>((resolve) => response.on("close", () => resolve()));
  const exchange: QueryExchange = {
    request,
    response,
    closed,
    get abandoned() {
      return !finished && response.destroyed;
    },
    open() {
      if (response.headersSent) return;
      response.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
      });
      response.flushHeaders();
    },
    send(event, data = {}) {
      exchange.open();
      if (response.destroyed) return;
      if (typeof data === "string") response.write(`event: ${event}\r\ndata: ${data}\r\n\r\n`);
      else response.write(encodeSseEvent({ event, data }));
    },
    end() {
      exchange.open();
      finished = true;
      response.end();
    },
    crash() {
      finished = true;
      response.socket?.destroy();
    },
  };
  return exchange;
}

/**
 * Starts a bot on 127.0.0.1 that records every request. Queries go to `script`, or wait in a
 * queue for {@link ScriptedBot.nextQuery}; `settings` gets `settings` (or, with `settingsStatus`,
 * that HTTP status and no settings); reports get `{}`.
 */
export async function startScriptedBot(
  script?: QueryScript,
  options: { settings?: Record<string, unknown>; settingsStatus?: number } = {},
): Promise<ScriptedBot> {
  const accessKey = createIdentifier("m").slice(2);
  const requests: ReceivedRequest[] = [];
  const waiting: Array<() => void> = [];
  const pendingQueries: QueryExchange[] = [];
  const queryTakers: Array<(exchange: QueryExchange) => void> = [];

  const server = createServer((incoming, response) => {
    void readRequest(incoming).then(async (request) => {
      requests.push(request);
      for (const wake of waiting.splice(0)) wake();
      if (request.type === "settings" && options.settingsStatus) {
        response.writeHead(options.settingsStatus, { "content-type": "text/plain" });
        response.end("settings are broken");
        return;
      }
      if (request.type !== "query") {
        const answer = request.type === "settings" ? (options.settings ?? {}) : {};
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(answer));
        return;
      }
      const exchange = createExchange(request, response);
      if (script) {
        await script(exchange);
        return;
      }
      const taker = queryTakers.shift();
      if (taker) taker(exchange);
      else pendingQueries.push(exchange);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const received = (type: string) => requests.filter((request) => request.type === type);
  return {
    url: `http://127.0.0.1:${port}/`,
    accessKey,
    requests,
    received,
    async waitFor(type, predicate = () => true, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received(type).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`The bot received no matching "${type}"`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    nextQuery(timeoutMs = 5000) {
      const queued = pendingQueries.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const take = (exchange: QueryExchange) => {
          clearTimeout(timer);
          resolve(exchange);
        };
        const timer = setTimeout(() => {
          queryTakers.splice(queryTakers.indexOf(take), 1);
          reject(new Error("The bot received no query"));
        }, timeoutMs);
        queryTakers.push(take);
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
