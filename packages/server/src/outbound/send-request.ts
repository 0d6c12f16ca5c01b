import http, { type ClientRequest, type IncomingMessage } from "node:http";
import https from "node:https";
import { OutboundError } from "./outbound-error.js";
import type { OutboundRequest } from "./outbound-request.js";
import type { OutboundTarget } from "./parse-outbound-url.js";
import type { RequestLifetime } from "./request-lifetime.js";

/** What {@link sendRequest} needs beyond the request itself. */
export interface SendRequestOptions {
  target: OutboundTarget;
  /** The checked address; the socket goes here and nowhere else. */
  address: string;
  request: OutboundRequest;
  agent: http.Agent;
  lifetime: RequestLifetime;
  firstByteTimeoutMs: number;
  /** Called once the connection (and TLS handshake) is up. */
  onConnected: () => void;
}

/**
 * Sends the request over a connection to the checked address and resolves with the response head.
 * Connecting by IP, with the Host header and TLS server name set from the URL, keeps virtual
 * hosting and certificate checks working while leaving no second DNS lookup to rebind.
 */
export function sendRequest(options: SendRequestOptions): Promise<IncomingMessage> {
  const { target, address, request, lifetime, firstByteTimeoutMs, onConnected } = options;
  const body = typeof request.body === "string" ? Buffer.from(request.body) : request.body;
  const send: (requestOptions: https.RequestOptions) => ClientRequest =
    target.protocol === "https:" ? https.request : http.request;
  const clientRequest = send({
    host: address,
    port: target.port,
    method: request.method,
    path: target.path,
    headers: buildHeaders(request.headers, target.hostHeader, body?.byteLength),
    agent: options.agent,
    // Certificates are checked against the name; SNI must not carry an IP address (RFC 6066).
    ...(target.protocol === "https:" && !target.isIpLiteral ? { servername: target.hostname } : {}),
  });

  // The listeners below live as long as the request, which for a bot's reply can be minutes:
  // they capture only what they use, never `options` or the body, which can be a long
  // conversation.
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    let stopFirstByteTimer = () => {};
    // Stays attached after the response so a late destroy never becomes an uncaught error.
    clientRequest.on("error", (error) => {
      reject(lifetime.failure ?? connectionFailed(target, address, error));
    });
    lifetime.onFailure((error) => clientRequest.destroy(error));
    clientRequest.on("socket", (socket) => {
      const connected = () => {
        onConnected();
        stopFirstByteTimer = lifetime.startTimer(firstByteTimeoutMs, () => {
          const message = `${target.hostname} accepted the connection but sent no response headers within ${firstByteTimeoutMs} ms`;
          return new OutboundError("first_byte_timeout", message);
        });
      };
      if (clientRequest.reusedSocket) connected();
      else socket.once(target.protocol === "https:" ? "secureConnect" : "connect", connected);
    });
    clientRequest.on("response", (message) => {
      stopFirstByteTimer();
      resolve(message);
    });
  });
  clientRequest.end(body);
  return response;
}

function buildHeaders(
  given: Record<string, string> | undefined,
  hostHeader: string,
  contentLength: number | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given ?? {})) {
    const lowerName = name.toLowerCase();
    if (lowerName !== "host" && lowerName !== "content-length") headers[name] = value;
  }
  headers.host = hostHeader;
  if (contentLength !== undefined) headers["content-length"] = String(contentLength);
  return headers;
}

function connectionFailed(target: OutboundTarget, address: string, error: Error): OutboundError {
  const message = `the connection to ${target.hostname} (${address} port ${target.port}) failed: ${error.message}`;
  return new OutboundError("connection_failed", message, { cause: error });
}
