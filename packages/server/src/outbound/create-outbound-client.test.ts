import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { createSecureContext, type SecureContext } from "node:tls";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createOutboundClient, type OutboundClient } from "./create-outbound-client.js";
import { isLoopbackAddress } from "./is-loopback-address.js";
import { OutboundError } from "./outbound-error.js";
import type { OutboundPolicy } from "./outbound-policy.js";

const loopbackPolicy: OutboundPolicy = {
  allowedHosts: [],
  allowLoopback: true,
  requireHttps: false,
};
const strict: OutboundPolicy = { allowedHosts: [], allowLoopback: false, requireHttps: true };

const servers: net.Server[] = [];
const clients: OutboundClient[] = [];
let connectSpy: MockInstance;

beforeEach(() => {
  connectSpy = vi.spyOn(net.Socket.prototype, "connect");
});

afterEach(async () => {
  // Every socket any test opened went to 127.0.0.0/8 or ::1; nothing left the machine.
  const hosts = connectSpy.mock.calls.map((args) => connectHost(args));
  connectSpy.mockRestore();
  expect(hosts.every((host) => host !== undefined && isLoopbackAddress(host))).toBe(true);
  clients.splice(0).forEach((client) => client.close());
  await Promise.all(servers.splice(0).map(closeServer));
});

function connectHost(args: unknown[]): string | undefined {
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null && "host" in first) return String(first.host);
  return typeof args[1] === "string" ? args[1] : undefined;
}

async function closeServer(server: net.Server): Promise<void> {
  if (server instanceof http.Server) server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

async function listen<T extends net.Server>(server: T): Promise<number> {
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

function client(policy: OutboundPolicy, resolve?: (hostname: string) => Promise<string[]>) {
  const created = createOutboundClient(policy, resolve ? { resolve } : {});
  clients.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

/** What the echo server saw, sent back as JSON. */
interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A server that answers with what it received, and counts connections. */
async function echoServer() {
  const seen: { connections: number; localAddresses: string[] } = {
    connections: 0,
    localAddresses: [],
  };
  const server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      seen.localAddresses.push(request.socket.localAddress ?? "");
      const { method, url, headers } = request;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ method, url, headers, body }));
    });
  });
  server.on("connection", () => seen.connections++);
  return { port: await listen(server), seen };
}

describe("reaching allowed servers", () => {
  it("sends method, path, headers and body, and sets Host itself", async () => {
    const { port } = await echoServer();
    const response = await client(loopbackPolicy).request({
      url: `http://127.0.0.1:${port}/query?version=1.2#fragment`,
      method: "POST",
      headers: { "Content-Type": "application/json", Host: "evil.example", "x-bot": "yes" },
      body: '{"hello":"wörld"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    const echoed = JSON.parse(await response.text()) as Echo;
    expect(echoed.method).toBe("POST");
    expect(echoed.url).toBe("/query?version=1.2");
    expect(echoed.body).toBe('{"hello":"wörld"}');
    expect(echoed.headers.host).toBe(`127.0.0.1:${port}`);
    expect(echoed.headers["content-length"]).toBe("18");
    expect(echoed.headers["x-bot"]).toBe("yes");
  });

  it("lets a loopback name through with allowLoopback, via the resolver", async () => {
    const { port } = await echoServer();
    const resolve = vi.fn(async () => ["127.0.0.1"]);
    const response = await client(loopbackPolicy, resolve).request({
      url: `http://localhost:${port}/`,
      method: "GET",
    });
    expect(response.status).toBe(200);
    expect(resolve).toHaveBeenCalledWith("localhost");
  });

  it("lets an allowlisted host through even though it is loopback and http", async () => {
    const { port } = await echoServer();
    const policy = { ...strict, allowedHosts: ["bot.internal"] };
    const response = await client(policy, async () => ["127.0.0.1"]).request({
      url: `http://bot.internal:${port}/`,
      method: "GET",
    });
    const echoed = JSON.parse(await response.text()) as Echo;
    expect(echoed.headers.host).toBe(`bot.internal:${port}`);
  });

  it("lets an allowlisted host:port through, and an allowlisted address literal", async () => {
    const { port } = await echoServer();
    const policy = { ...strict, allowedHosts: [`bot.internal:${port}`, `127.0.0.1:${port}`] };
    const allowed = client(policy, async () => ["127.0.0.1"]);
    const byName = await allowed.request({ url: `http://bot.internal:${port}/`, method: "GET" });
    expect(byName.status).toBe(200);
    await byName.text();
    const byAddress = await allowed.request({ url: `http://127.0.0.1:${port}/`, method: "GET" });
    expect(byAddress.status).toBe(200);
  });

  it("refuses the same loopback server when neither allowlisted nor loopback-allowed", async () => {
    const { port, seen } = await echoServer();
    const policy = { ...strict, requireHttps: false, allowedHosts: ["bot.internal:1"] };
    const refused = client(policy, async () => ["127.0.0.1"]);
    const error = await failure(
      refused.request({ url: `http://bot.internal:${port}/`, method: "GET" }),
    );
    expect(error.code).toBe("blocked_address");
    expect(error.message).toContain("PARLOR_ALLOW_LOOPBACK_BOTS");
    expect(seen.connections).toBe(0);
  });

  it("connects to the checked address, resolving exactly once per request", async () => {
    const { port, seen } = await echoServer();
    // A rebinding resolver: any second answer points elsewhere (127.0.0.2 has no server).
    const resolve = vi.fn<(hostname: string) => Promise<string[]>>(async () => ["127.0.0.2"]);
    resolve.mockResolvedValueOnce(["127.0.0.1"]);
    const response = await client(loopbackPolicy, resolve).request({
      url: `http://rebind.example:${port}/`,
      method: "GET",
    });
    await response.text();
    expect(response.status).toBe(200);
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(seen.localAddresses).toEqual(["127.0.0.1"]);
  });

  it("reuses one kept-alive connection for consecutive requests", async () => {
    const { port, seen } = await echoServer();
    const reused = client(loopbackPolicy);
    for (let index = 0; index < 3; index++) {
      const response = await reused.request({ url: `http://127.0.0.1:${port}/`, method: "GET" });
      await response.text();
    }
    expect(seen.connections).toBe(1);
  });
});

describe("refusing what a server answers", () => {
  it("refuses a redirect and names its target", async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    });
    const port = await listen(server);
    const error = await failure(
      client(loopbackPolicy).request({ url: `http://127.0.0.1:${port}/`, method: "POST" }),
    );
    expect(error.code).toBe("redirect_refused");
    expect(error.message).toContain("302");
    expect(error.message).toContain("http://169.254.169.254/latest/meta-data/");
  });

  it("reports a refused connection as connection_failed, worth retrying", async () => {
    const port = await listen(net.createServer());
    await closeServer(servers.pop()!);
    const error = await failure(
      client(loopbackPolicy).request({ url: `http://127.0.0.1:${port}/`, method: "GET" }),
    );
    expect(error.code).toBe("connection_failed");
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.isRetryable).toBe(true);
  });
});

describe("timeouts and aborts before the response", () => {
  it("fires connect_timeout when the TLS handshake never completes", async () => {
    // Reads (so it notices the client hanging up) but never starts the TLS handshake.
    const silent = net.createServer((socket) => socket.resume());
    const port = await listen(silent);
    const started = Date.now();
    const error = await failure(
      client(loopbackPolicy).request({
        url: `https://127.0.0.1:${port}/`,
        method: "GET",
        connectTimeoutMs: 100,
      }),
    );
    expect(error.code).toBe("connect_timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("fires first_byte_timeout when the server never answers", async () => {
    const port = await listen(http.createServer(() => {}));
    const error = await failure(
      client(loopbackPolicy).request({
        url: `http://127.0.0.1:${port}/`,
        method: "POST",
        body: "{}",
        firstByteTimeoutMs: 100,
      }),
    );
    expect(error.code).toBe("first_byte_timeout");
    expect(error.message).toContain("no response headers within 100 ms");
  });

  it("starts the first-byte deadline at once on a reused connection", async () => {
    let requests = 0;
    const server = http.createServer((_request, response) => {
      if (++requests === 1) response.end("first");
    });
    const port = await listen(server);
    const reused = client(loopbackPolicy);
    await (await reused.request({ url: `http://127.0.0.1:${port}/`, method: "GET" })).text();
    const error = await failure(
      reused.request({ url: `http://127.0.0.1:${port}/`, method: "GET", firstByteTimeoutMs: 100 }),
    );
    expect(error.code).toBe("first_byte_timeout");
  });

  it("fires timeout when the total deadline passes before the headers", async () => {
    const port = await listen(http.createServer(() => {}));
    const error = await failure(
      client(loopbackPolicy).request({
        url: `http://127.0.0.1:${port}/`,
        method: "GET",
        totalTimeoutMs: 100,
      }),
    );
    expect(error.code).toBe("timeout");
  });

  it("aborts through the signal while waiting for the headers", async () => {
    let arrived = () => {};
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const port = await listen(http.createServer(() => arrived()));
    const controller = new AbortController();
    const pending = client(loopbackPolicy).request({
      url: `http://127.0.0.1:${port}/`,
      method: "GET",
      signal: controller.signal,
    });
    await requestArrived;
    controller.abort();
    expect((await failure(pending)).code).toBe("aborted");
  });
});

describe("TLS", () => {
  const hasOpenssl = (() => {
    try {
      execFileSync("openssl", ["version"], { stdio: "pipe" });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasOpenssl)(
    "sends the hostname as SNI to the checked address and verifies the certificate",
    async () => {
      const directory = mkdtempSync(join(tmpdir(), "parlor-outbound-"));
      const [keyPath, certificatePath] = [join(directory, "key.pem"), join(directory, "cert.pem")];
      execFileSync(
        "openssl",
        [
          ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
          ...["-nodes", "-days", "1", "-subj", "/CN=bot.internal"],
          ...["-keyout", keyPath, "-out", certificatePath],
        ],
        { stdio: "pipe" },
      );
      const credentials = { key: readFileSync(keyPath), cert: readFileSync(certificatePath) };
      rmSync(directory, { recursive: true });
      const serverNames: string[] = [];
      const context = createSecureContext(credentials);
      const SNICallback = (name: string, done: (error: null, context: SecureContext) => void) => {
        serverNames.push(name);
        done(null, context);
      };
      const server = https.createServer({ ...credentials, SNICallback }, (_request, response) => {
        response.end();
      });
      const port = await listen(server);
      const policy = { ...strict, allowedHosts: ["bot.internal"] };
      const error = await failure(
        client(policy, async () => ["127.0.0.1"]).request({
          url: `https://bot.internal:${port}/`,
          method: "GET",
        }),
      );
      // A self-signed certificate must be rejected: verification is on.
      expect(error.code).toBe("connection_failed");
      expect(error.message).toContain("self-signed certificate");
      expect(serverNames).toEqual(["bot.internal"]);
    },
  );
});
