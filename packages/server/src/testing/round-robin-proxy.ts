import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

/** A load balancer without sticky sessions, for tests: each request goes to the next instance. */
export interface RoundRobinProxy {
  url: string;
  /** The instance each request went to, in order. */
  routed: string[];
  close(): Promise<void>;
}

/** Starts a proxy on a free port in front of `targets` (read at each request: they may change). */
export async function startRoundRobinProxy(targets: () => string[]): Promise<RoundRobinProxy> {
  let turn = 0;
  const routed: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const instances = targets();
    const target = new URL(instances[turn++ % instances.length]!);
    routed.push(target.origin);
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        // Streams pass through as they come: no buffering, as a proxy for SSE must.
        reply.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    outgoing.on("close", () => upstream.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
