import type { IncomingMessage } from "node:http";

/**
 * Cuts the connection of a request whose body stops arriving for `idleMs`. Node's own
 * `requestTimeout` bounds the whole request, which must stay long for a 50 MB upload on a slow
 * link; this bounds each pause instead, so a client cannot hold a connection open by
 * trickling nothing (a body shorter than its Content-Length).
 */
export function guardSlowBody(request: IncomingMessage, idleMs: number): void {
  if (request.complete || !hasBody(request)) return;
  const socket = request.socket;
  let lastBytes = socket.bytesRead;
  let lastProgressAt = Date.now();
  const timer = setInterval(
    () => {
      const bytes = socket.bytesRead;
      // Bytes read but not yet consumed mean the platform is behind, not the client.
      if (bytes !== lastBytes || request.readableLength > 0) {
        lastBytes = bytes;
        lastProgressAt = Date.now();
      } else if (Date.now() - lastProgressAt >= idleMs) {
        stop();
        socket.destroy();
      }
    },
    Math.max(50, Math.floor(idleMs / 4)),
  );
  timer.unref();
  const stop = () => clearInterval(timer);
  request.once("end", stop);
  request.once("close", stop);
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  return (
    (length !== undefined && length !== "0") || request.headers["transfer-encoding"] !== undefined
  );
}
