import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { readFileSync } from "node:fs";
import type { Config } from "../config/config.js";
import { guardSlowBody } from "./guard-slow-body.js";

/** Handles one request once the platform is ready. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * An HTTP or HTTPS server that refuses slow clients (headers, idle body, whole request within
 * the configured times) and answers 503 until `handler()` returns a handler, so the port can be
 * bound before the database is opened.
 */
export function createNodeServer(
  config: Pick<Config, "tls" | "requestTimeouts">,
  handler: () => RequestHandler | undefined,
): Server {
  const { headersMs, bodyIdleMs, totalMs } = config.requestTimeouts;
  const options: ServerOptions = {
    headersTimeout: headersMs,
    // The whole request; each idle pause has its own, shorter limit (guardSlowBody).
    requestTimeout: Math.max(totalMs, headersMs),
    // How often Node checks the two limits above: its default, 30 s, would add up to 30 s to them.
    connectionsCheckingInterval: Math.min(1000, Math.max(50, headersMs / 4)),
    // Longer than common proxies' idle timeouts, so a proxy never reuses a socket we just closed.
    keepAliveTimeout: 65_000,
  };
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    guardSlowBody(request, bodyIdleMs);
    const handle = handler();
    if (handle) handle(request, response);
    else answerStarting(response);
  };
  return config.tls
    ? createHttpsServer(
        { ...options, cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) },
        listener,
      )
    : createHttpServer(options, listener);
}

/** Requests that arrive while the database is being opened are told to come back shortly. */
function answerStarting(response: ServerResponse): void {
  const body = JSON.stringify({
    error: { code: "starting", message: "Parlor is starting; try again in a moment" },
  });
  response.writeHead(503, {
    "content-type": "application/json",
    "retry-after": "1",
    connection: "close",
  });
  response.end(body);
}
