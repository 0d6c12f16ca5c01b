import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Config } from "./config/config.js";
import { createApp } from "./http/app.js";
import { createPlatform, type Platform, type PlatformOverrides } from "./platform.js";

/** A platform listening on a port. */
export interface RunningPlatform {
  platform: Platform;
  server: Server;
  url: string;
  /** Graceful shutdown: stop accepting, close running replies as incomplete, close the database. */
  close(): Promise<void>;
}

/**
 * Starts the platform: services, orphan recovery (replies left streaming by a crash are closed
 * as incomplete with their text), then HTTP or HTTPS on the configured port.
 */
export async function startServer(
  config: Config,
  overrides: PlatformOverrides = {},
): Promise<RunningPlatform> {
  const platform = await createPlatform(config, overrides);
  const recovered = await platform.chat.recoverOrphans();
  if (recovered > 0) platform.logger.warn({ recovered }, "closed replies interrupted by a restart");
  if (config.allowLoopbackBots) {
    platform.logger.warn(
      "bots on loopback addresses are allowed (development mode); set PARLOR_ENV=production to refuse them",
    );
  }
  const handle = getRequestListener(createApp(platform).fetch);
  const listener = (request: IncomingMessage, response: ServerResponse) =>
    void handle(request, response);
  const server = config.tls
    ? createHttpsServer(
        { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) },
        listener,
      )
    : createHttpServer(listener);
  // Longer than common proxies' idle timeouts, so a proxy never reuses a socket we just closed.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A deep backlog absorbs bursts of new connections while the event loop is busy.
    server.listen({ port: config.port, host: config.host, backlog: 4096 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `${config.tls ? "https" : "http"}://${host}:${port}`;
  platform.setListenUrl(url);
  return {
    platform,
    server,
    url,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Attached streams end when their replies are closed below; then the server can finish.
        setTimeout(() => server.closeAllConnections(), 5000).unref();
        void platform.chat.shutdown().then(() => server.closeAllConnections());
      });
      await platform.close();
    },
  };
}
