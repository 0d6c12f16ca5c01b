import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake received, kept so tests can assert how a query was mapped. */
export interface RecordedRequest {
  method: string;
  /** Path and query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON body, or `undefined` when there was none. */
  body: unknown;
}

/** A scripted answer: a JSON body, or a stream of raw SSE frames. */
export type FakeResponse =
  | { status?: number; headers?: Record<string, string>; json: unknown }
  | {
      /** Complete SSE frames, each ending in a blank line. */
      sse: string[];
      /** Destroys the connection after this many frames, as a network cut would. */
      cutAfter?: number;
      /** Keeps the connection open after the frames, until the client goes away. */
      holdOpen?: boolean;
      /** Waits this long before each frame, as a model generating tokens would. */
      frameDelayMs?: number;
    };

/** A scripted answer that streams SSE frames. */
export type FakeSseResponse = Extract<FakeResponse, { sse: string[] }>;

/** A local HTTP server speaking one vendor's wire format. */
export interface FakeVendorServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues answers for the next generation requests, in order. */
  reply(...responses: FakeResponse[]): void;
  /** Resolves once a client has closed a connection before its answer was complete. */
  clientDisconnected(): Promise<void>;
  close(): Promise<void>;
}

/** How a vendor fake answers what is not a scripted generation request. */
export interface FakeVendorRoutes {
  /** Whether this request takes the next scripted answer (the vendor's generation endpoint). */
  isGeneration(request: RecordedRequest): boolean;
  /** Answers other requests (e.g. the model list); `undefined` gives a 404. */
  route(request: RecordedRequest): FakeResponse | undefined;
  /** The answer when nothing is scripted. */
  defaultResponse(request: RecordedRequest): FakeResponse;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

const pause = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

async function send(response: ServerResponse, answer: FakeResponse): Promise<void> {
  if ("json" in answer) {
    response.writeHead(answer.status ?? 200, {
      "content-type": "application/json",
      ...answer.headers,
    });
    response.end(JSON.stringify(answer.json));
    return;
  }
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  const frames = answer.cutAfter === undefined ? answer.sse : answer.sse.slice(0, answer.cutAfter);
  for (const frame of frames) {
    if (answer.frameDelayMs) await pause(answer.frameDelayMs);
    if (response.destroyed) return;
    response.write(frame);
  }
  if (answer.cutAfter !== undefined) {
    // Destroy only once the frames are flushed, so the client sees them and then the cut.
    response.write("", () => response.socket?.destroy());
  } else if (!answer.holdOpen) response.end();
}

/** Starts a fake vendor on 127.0.0.1 with a free port. */
export async function startFakeVendorServer(routes: FakeVendorRoutes): Promise<FakeVendorServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeResponse[] = [];
  let markDisconnected: () => void = () => undefined;
  const disconnected = new Promise<void>((resolve) => (markDisconnected = resolve));
  const server = createServer((request, response) => {
    void (async () => {
      const recorded: RecordedRequest = {
        method: request.method ?? "GET",
        path: request.url ?? "/",
        headers: request.headers,
        body: await readBody(request),
      };
      requests.push(recorded);
      response.on("close", () => {
        if (!response.writableEnded) markDisconnected();
      });
      const answer = routes.isGeneration(recorded)
        ? (queue.shift() ?? routes.defaultResponse(recorded))
        : (routes.route(recorded) ?? { status: 404, json: { error: "not found" } });
      await send(response, answer);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...responses) => queue.push(...responses),
    clientDisconnected: () => disconnected,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One SSE frame: an optional `event:` line and a JSON `data:` line. */
export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === "string" ? data : JSON.stringify(data);
  return `${event === undefined ? "" : `event: ${event}\n`}data: ${payload}\n\n`;
}

/** A recorded JSON body, with the fields tests look into most. */
export interface RecordedBody {
  [field: string]: unknown;
  messages: unknown[];
  contents: unknown[];
  tools: unknown[];
}

/** The JSON body of the last request a fake received. */
export function lastRequestBody(fake: FakeVendorServer): RecordedBody {
  return fake.requests.at(-1)?.body as RecordedBody;
}
