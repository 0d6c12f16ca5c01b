import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createOutboundClient, type OutboundClient } from "./create-outbound-client.js";
import { OutboundError } from "./outbound-error.js";
import type { OutboundRequest } from "./outbound-request.js";

// Only 127.0.0.1 literals are used here, so no resolver runs and nothing leaves the machine.
let server: http.Server | undefined;
let client: OutboundClient | undefined;

afterEach(async () => {
  client?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = client = undefined;
});

/** Starts a loopback server and returns a request function aimed at it. */
async function serve(handler: http.RequestListener) {
  server = http.createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  client = createOutboundClient({ allowedHosts: [], allowLoopback: true, requireHttps: false });
  const outbound = client;
  return (options: Partial<OutboundRequest> = {}) =>
    outbound.request({ url: `http://127.0.0.1:${port}/`, method: "GET", ...options });
}

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

/** Reads the body to its end, collecting each chunk as text. */
async function drain(body: AsyncIterable<Uint8Array>, chunks: string[] = []) {
  for await (const chunk of body) chunks.push(Buffer.from(chunk).toString("utf8"));
}

describe("streaming", () => {
  it("delivers each chunk as it arrives, not buffered to the end", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const request = await serve((_request, response) => {
      response.write("first");
      void released.then(() => response.end("second"));
    });
    const response = await request();
    const received: string[] = [];
    for await (const chunk of response.body) {
      received.push(Buffer.from(chunk).toString("utf8"));
      // The server only sends the second chunk once the first has reached us.
      if (received.length === 1) release();
    }
    expect(received).toEqual(["first", "second"]);
  });

  it("decodes text split inside a multi-byte character", async () => {
    const bytes = Buffer.from("héllo wörld");
    const request = await serve((_request, response) => {
      response.write(bytes.subarray(0, 2));
      setTimeout(() => response.end(bytes.subarray(2)), 20);
    });
    expect(await (await request()).text()).toBe("héllo wörld");
  });
});

describe("body cap", () => {
  it("stops a body that never ends once it passes the cap", async () => {
    const request = await serve((_request, response) => {
      const timer = setInterval(() => response.write(Buffer.alloc(1024, 97)), 5);
      response.on("close", () => clearInterval(timer));
    });
    const chunks: string[] = [];
    const error = await failure(drain((await request({ maxBodyBytes: 4096 })).body, chunks));
    expect(error.code).toBe("body_too_large");
    expect(error.message).toContain("4096-byte limit");
    expect(chunks.join("").length).toBeLessThanOrEqual(4096);
    expect(chunks.length).toBeGreaterThan(0);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const request = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "10000" }).end("x".repeat(10_000));
    });
    const response = await request({ maxBodyBytes: 100 });
    expect((await failure(response.text())).code).toBe("body_too_large");
  });

  it("accepts a body exactly at the cap", async () => {
    const request = await serve((_request, response) => response.end("x".repeat(100)));
    expect(await (await request({ maxBodyBytes: 100 })).text()).toHaveLength(100);
  });
});

describe("deadlines, aborts and closes while reading", () => {
  it("fires timeout when the headers came but the body stalls", async () => {
    const request = await serve((_request, response) => response.write("partial"));
    const started = Date.now();
    const response = await request({ totalTimeoutMs: 200 });
    const chunks: string[] = [];
    const error = await failure(drain(response.body, chunks));
    expect(error.code).toBe("timeout");
    expect(chunks).toEqual(["partial"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("aborts through the signal mid-body", async () => {
    const request = await serve((_request, response) => response.write("partial"));
    const controller = new AbortController();
    const response = await request({ signal: controller.signal });
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    expect((await failure(iterator.next())).code).toBe("aborted");
  });

  it("cancel() closes the connection and ends the body with aborted", async () => {
    let closed = () => {};
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const request = await serve((_request, response) => {
      response.write("partial");
      response.on("close", closed);
    });
    const response = await request();
    response.cancel();
    await serverSawClose;
    expect((await failure(response.text())).code).toBe("aborted");
  });

  it("reports a server that hangs up mid-body as connection_failed", async () => {
    const request = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "100" }).write("short");
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const error = await failure((await request()).text());
    expect(error.code).toBe("connection_failed");
  });

  it("returns non-2xx statuses as responses for the caller to judge", async () => {
    const request = await serve((_request, response) => response.writeHead(503).end("busy"));
    const response = await request();
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("busy");
  });
});
