import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import { vi } from "vitest";

/** Outbound connections of the platform, and a stand-in for the public internet. */
export interface FakeInternet {
  /** The address (as the platform chose it) of every connection the platform tried to open. */
  attempts: string[];
  /** Makes a public address reach a local server, as if it were a site on the internet. */
  host(publicAddress: string, localPort: number): void;
  restore(): void;
}

/**
 * Watches every connection the platform's outbound client opens (they all go through
 * `http.Agent` / `https.Agent`). Connections to addresses registered with `host()` go to the
 * local server standing in for them; every other connection is refused without touching the
 * network, and is still recorded, so a test can assert that none was tried.
 */
export function fakeInternet(): FakeInternet {
  const sites = new Map<string, number>();
  const attempts: string[] = [];
  const spies = [http.Agent.prototype, https.Agent.prototype].map((prototype) => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the agent below
    const original = prototype.createConnection as (
      options: http.ClientRequestArgs,
      callback?: (error: Error | null, socket: Socket) => void,
    ) => Socket;
    return vi.spyOn(prototype, "createConnection").mockImplementation(function (
      this: http.Agent,
      options: http.ClientRequestArgs,
      callback?: (error: Error | null, socket: Socket) => void,
    ) {
      const address = String(options.host);
      attempts.push(address);
      const port = sites.get(address);
      if (port === undefined) throw new Error(`The test refused a connection to ${address}`);
      return original.call(this, { ...options, host: "127.0.0.1", port }, callback);
    });
  });
  return {
    attempts,
    host: (publicAddress, localPort) => void sites.set(publicAddress, localPort),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
