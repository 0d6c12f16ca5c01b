import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake platform received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/bot/echo`. */
  path: string;
  /** Header names are lower-case, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON (throws if it is not). */
  json(): Record<string, unknown>;
}

/**
 * Answers one request; it may write slowly, break the connection or never answer. What it
 * returns is ignored, except that a rejected promise breaks the connection.
 */
export type PlatformHandler = (request: RecordedRequest, response: ServerResponse) => unknown;

/** A stand-in for Poe's platform APIs on a free local port, for client tests over real HTTP. */
export interface FakePlatform {
  /** E.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** `<url>bot/`, the base URL of the bot query, settings and cost APIs. */
  botBaseUrl: string;
  /** Every request, `report_error` ones included, in arrival order. */
  requests: RecordedRequest[];
  /** The requests other than `report_error`. */
  queries(): RecordedRequest[];
  /** The bodies of the `report_error` requests. */
  reports(): Record<string, unknown>[];
  close(): Promise<void>;
}

function isReport(request: RecordedRequest): boolean {
  try {
    return request.json().type === "report_error";
  } catch {
    return false;
  }
}

/**
 * Starts a fake platform on 127.0.0.1. `report_error` requests are recorded and answered with
 * `{}`; everything else goes to `handler`.
 */
export async function startFakePlatform(handler: PlatformHandler): Promise<FakePlatform> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const request: RecordedRequest = {
        method: incoming.method ?? "",
        path: incoming.url ?? "",
        headers: incoming.headers,
        body,
        json: () => JSON.parse(body.toString("utf8")) as Record<string, unknown>,
      };
      requests.push(request);
      if (isReport(request)) {
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
        return;
      }
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : undefined);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    botBaseUrl: `${url}bot/`,
    requests,
    queries: () => requests.filter((request) => !isReport(request)),
    reports: () => requests.filter(isReport).map((request) => request.json()),
    close: () =>
      new Promise<void>((resolve) => {
        // Streams a test left hanging must not keep the server, and the test run, alive.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Encodes events the way sse-starlette does (CRLF line ends); string data is sent as is. */
export function encodeEvents(events: readonly (readonly [event: string, data: unknown])[]): string {
  return events
    .map(
      ([event, data]) =>
        `event: ${event}\r\ndata: ${typeof data === "string" ? data : JSON.stringify(data)}\r\n\r\n`,
    )
    .join("");
}

/** Answers with an SSE body, whole. */
export function sendSse(response: ServerResponse, body: string | Buffer, status = 200): void {
  response.writeHead(status, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
  });
  response.end(body);
}
