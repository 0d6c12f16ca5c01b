import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isIPv6 } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Config } from "./config/config.js";
import { developmentSwitches } from "./config/development-switches.js";
import { createApp } from "./http/app.js";
import { createNodeServer, type RequestHandler } from "./http/create-node-server.js";
import { listenOnPort } from "./http/listen-on-port.js";
import { createPlatform, type Platform, type PlatformOverrides } from "./platform.js";

/** A platform listening on a port. */
export interface RunningPlatform {
  platform: Platform;
  server: Server;
  url: string;
  /**
   * Graceful shutdown: no new connections or replies, running replies finish for up to
   * `drainMs` (default 0) and are then cut as errors their users may retry, the database closes.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

/** What the log says about each development switch that is on. */
const SWITCH_WARNINGS: Record<string, string> = {
  PARLOR_ALLOW_LOOPBACK_BOTS:
    "PARLOR_ALLOW_LOOPBACK_BOTS=true: any user's bot may reach this machine's loopback addresses (127.0.0.0/8, ::1, localhost); use it on a development machine only",
};

/**
 * Starts the platform. The port is bound first, so a second start on a busy port fails before
 * it touches the database (and the running instance's replies); then the services, orphan
 * recovery (replies left streaming by a crash are closed with their text; with Redis, only those
 * of instances that stopped renewing their lease), and only then are requests handled. Requests that arrive earlier get a 503.
 */
export async function startServer(
  config: Config,
  overrides: PlatformOverrides = {},
): Promise<RunningPlatform> {
  // Empty until the platform is ready; the server answers 503 meanwhile.
  const ready: { handle?: RequestHandler } = {};
  const server = createNodeServer(config, () => ready.handle);
  await listenOnPort(server, config.port, config.host);
  let platform: Platform;
  try {
    platform = await createPlatform(config, overrides);
    const recovered = await platform.recoverInterruptedReplies();
    if (recovered > 0)
      platform.logger.warn({ recovered }, "closed replies interrupted by a restart");
  } catch (error) {
    server.closeAllConnections();
    server.close();
    throw error;
  }
  for (const name of developmentSwitches(config)) {
    platform.logger.warn({ switch: name }, SWITCH_WARNINGS[name] ?? `${name} is on`);
  }
  const url = listenUrl(server, config);
  platform.setListenUrl(url);
  const fetchHandler = getRequestListener(createApp(platform).fetch);
  ready.handle = (request: IncomingMessage, response: ServerResponse) =>
    void fetchHandler(request, response);
  return {
    platform,
    server,
    url,
    async close(options = {}) {
      // Still listening while it drains: a load balancer sees `/readyz` fail and moves new
      // requests elsewhere; new replies that still arrive get a 503, pages and streams work.
      await platform.drain.finish(options.drainMs ?? 0);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Every reply has ended; a stream still open after a moment is a client that did not
        // hang up.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      await platform.close();
    },
  };
}

/** The URL this machine reaches the server at: a wildcard address is reached on loopback. */
function listenUrl(server: Server, config: Config): string {
  const { port } = server.address() as AddressInfo;
  const wildcard = config.host === "0.0.0.0" || config.host === "::";
  const host = wildcard ? "127.0.0.1" : config.host;
  return `${config.tls ? "https" : "http"}://${isIPv6(host) ? `[${host}]` : host}:${port}`;
}
