import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createOutboundClient } from "../outbound/index.js";
import { testBotConnection, type ConnectionTestResult } from "./test-bot-connection.js";

const KEY = "K".repeat(32);

/** Development rules: loopback bots allowed; `nowhere.test` does not resolve, `bot.test` is here. */
const outbound = createOutboundClient(
  { allowedHosts: [], allowLoopback: true, requireHttps: false },
  {
    resolve: async (hostname) => {
      if (hostname === "bot.test") return ["127.0.0.1"];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    },
  },
);

const servers: http.Server[] = [];
let sdkBot: BotTestServer | undefined;
afterEach(async () => {
  await sdkBot?.close();
  sdkBot = undefined;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A plain HTTP server on 127.0.0.1 answering every request with `handle`; returns its port. */
async function serve(handle: http.RequestListener): Promise<number> {
  const server = http.createServer(handle);
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: one that was just free. */
async function closedPort(): Promise<number> {
  const port = await serve(() => {});
  servers.pop()!.close();
  return port;
}

const test = (url: string, accessKey?: string, firstByteTimeoutMs?: number) =>
  testBotConnection({ url, accessKey, outbound, firstByteTimeoutMs });

/** A failed result's kind and message, with the fields that do not vary. */
function failure(result: ConnectionTestResult) {
  if (result.ok) throw new Error("The test passed");
  expect(result.duration_ms).toBeGreaterThanOrEqual(0);
  return { kind: result.error.kind, message: result.error.message, status: result.http_status };
}

describe("testBotConnection", () => {
  it("answers with the bot's settings when the bot takes its key", async () => {
    sdkBot = await createBotTestServer(
      defineBot({ accessKey: KEY, settings: { introduction_message: "Hi!" }, async *onQuery() {} }),
    );
    const result = await test(sdkBot.url, KEY);
    expect(result).toMatchObject({
      ok: true,
      http_status: 200,
      settings: { introduction_message: "Hi!" },
    });
    expect(result.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it("says the bot refused the key, and what to do with or without one", async () => {
    sdkBot = await createBotTestServer(defineBot({ accessKey: KEY, async *onQuery() {} }));
    const port = new URL(sdkBot.url).port;
    const wrong = failure(await test(sdkBot.url, "W".repeat(32)));
    expect(wrong).toMatchObject({ kind: "unauthorized", status: 401 });
    expect(wrong.message).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1 port ${port} answered HTTP 401 .*: the bot refused the access key; start the bot with the access key shown for it here`,
      ),
    );
    expect(failure(await test(sdkBot.url)).message).toContain("no key was sent with this test");
  });

  it("names a host that does not resolve", async () => {
    expect(failure(await test("https://nowhere.test/bot"))).toEqual({
      kind: "dns",
      status: null,
      message:
        "Could not resolve nowhere.test (ENOTFOUND), so nothing was sent to port 443: check the host name in the URL for typos, and that its DNS record exists.",
    });
  });

  it("says nothing listens on the port", async () => {
    const port = await closedPort();
    expect(failure(await test(`http://bot.test:${port}/`))).toEqual({
      kind: "refused",
      status: null,
      message: `Nothing accepted the connection at bot.test port ${port} (connection refused): start the bot, or check the port in the URL.`,
    });
  });

  it("says the TLS handshake failed when https:// reaches a plain HTTP server", async () => {
    const port = await serve((_request, response) => response.end("{}"));
    expect(failure(await test(`https://127.0.0.1:${port}/`))).toEqual({
      kind: "tls",
      status: null,
      message: `The TLS handshake with 127.0.0.1 port ${port} failed (wrong version number): the server on that port does not speak TLS: use an http:// URL, or the port where TLS is served.`,
    });
  });

  it("times out a bot that takes the connection and never answers", async () => {
    const port = await serve(() => {});
    const result = failure(await test(`http://127.0.0.1:${port}/`, KEY, 200));
    expect(result.kind).toBe("timeout");
    expect(result.message).toBe(
      `127.0.0.1 port ${port} did not answer the settings request in time (127.0.0.1 accepted the connection but sent no response headers within 200 ms): the bot must answer settings within 10 s, even while it is busy.`,
    );
  });

  it("reports another status with a piece of the body, and a redirect with where it points", async () => {
    const port = await serve((request, response) => {
      if (request.url === "/moved") {
        response.writeHead(302, { location: "https://elsewhere.example/bot" });
        return response.end();
      }
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ detail: "Not Found" }));
    });
    expect(failure(await test(`http://127.0.0.1:${port}/typo`))).toEqual({
      kind: "http",
      status: 404,
      message: `127.0.0.1 port ${port} answered HTTP 404 ("Not Found") to a settings request; a bot must answer 200 with its settings as JSON. Check the path in the URL, and the bot's own log.`,
    });
    expect(failure(await test(`http://127.0.0.1:${port}/moved`))).toEqual({
      kind: "http",
      status: 302,
      message:
        "127.0.0.1 answered 302 with a redirect to https://elsewhere.example/bot; redirects are not followed, so use the final URL instead.",
    });
  });

  it("says what is wrong with a body that is not settings", async () => {
    const port = await serve((request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(request.url === "/html" ? "<h1>It works!</h1>" : '{"allow_attachments": "yes"}');
    });
    expect(failure(await test(`http://127.0.0.1:${port}/html`))).toEqual({
      kind: "malformed",
      status: 200,
      message: `127.0.0.1 port ${port} answered 200, but the body is not JSON (it starts "<h1>It works!</h1>"); a settings reply is a JSON object such as {"introduction_message": "Hi"}.`,
    });
    const invalid = failure(await test(`http://127.0.0.1:${port}/invalid`));
    expect(invalid.kind).toBe("malformed");
    expect(invalid.message).toMatch(
      /^127\.0\.0\.1 port \d+ answered 200 with settings that are not valid \(allow_attachments: .+\); the platform would keep the default settings\.$/,
    );
  });

  it("says how to allow an address the outbound rules refuse, without connecting", async () => {
    expect(failure(await test("http://10.0.0.1:8000/"))).toEqual({
      kind: "blocked",
      status: null,
      message:
        "The platform does not call this URL: 10.0.0.1 is a private address (10.0.0.0/8); add the host to PARLOR_ALLOWED_BOT_HOSTS to allow it (a setting of whoever runs this platform).",
    });
  });
});
