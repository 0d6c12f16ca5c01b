import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { createFetchHandler, defineBot, meta, suggestedReply, type Bot } from "@parlor/sdk";
import { serve } from "@parlor/sdk/node";
import { createBotTestServer } from "@parlor/sdk/testing";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createOutboundClient } from "../outbound/index.js";
import { startTestPlatform } from "../testing/test-platform.js";
import { runConformanceCheck, type ConformanceReport } from "./conformance-check.js";

const outbound = createOutboundClient({
  allowedHosts: [],
  allowLoopback: true,
  requireHttps: false,
});
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
afterAll(() => outbound.close());

const goodBot = defineBot({
  async *onQuery() {
    yield meta({ suggestedReplies: false });
    yield "Hello";
    yield suggestedReply("Again");
  },
  settings: { introduction_message: "Hi", server_bot_dependencies: null, rate_card: null },
  onError: () => {},
});

/** A real SDK bot on a free port with a fresh key. */
async function start(bot: Bot) {
  const server = await createBotTestServer(bot);
  closers.push(() => server.close());
  return server;
}

/** The SDK's fetch handler behind a wrapper that misbehaves in one way. */
async function startWrapped(
  wrap: (request: Request, body: { type?: string }) => Promise<Response | undefined>,
  bot: Bot = goodBot,
) {
  const handler = createFetchHandler(bot);
  const listener = getRequestListener(async (request) => {
    const body = (await request.clone().json()) as { type?: string };
    return (await wrap(request, body)) ?? handler(request);
  });
  const server = createServer((request, response) => void listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  server.on("close", () => server.closeAllConnections());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const verdicts = (report: ConformanceReport) =>
  Object.fromEntries(report.checks.map((check) => [check.name, check.passed]));
const find = (report: ConformanceReport, name: string) =>
  report.checks.find((check) => check.name === name)!;
const ALL = [
  "settings",
  "query",
  "report_feedback",
  "report_reaction",
  "report_error",
  "unknown_type",
  "wrong_access_key",
  "missing_authorization",
];
const allPassingBut = (...failing: string[]) =>
  Object.fromEntries(ALL.map((name) => [name, !failing.includes(name)]));

describe("runConformanceCheck", () => {
  it("passes a well-behaved SDK bot on every check", async () => {
    const { url, accessKey } = await start(goodBot);
    const report = await runConformanceCheck({ url, accessKey, outbound });
    expect(verdicts(report)).toEqual(allPassingBut());
    expect(report.passed).toBe(true);
    expect(find(report, "query").detail).toMatch(/valid events ending with done/);
  });

  it("skips the wrong-key check, saying why, when no key is given", async () => {
    const url = await startWrapped(async () => undefined, defineBot({ ...goodBot.definition }));
    const report = await runConformanceCheck({ url, outbound });
    expect(find(report, "wrong_access_key")).toMatchObject({ passed: true, skipped: true });
    expect(find(report, "wrong_access_key").detail).toMatch(/no access key was given/);
  });

  it("fails the query of a bot that never sends done", async () => {
    const hanging = defineBot({
      async *onQuery(_request, context) {
        yield "partial";
        await new Promise((resolve) => context.signal.addEventListener("abort", resolve));
      },
    });
    const { url, accessKey } = await start(hanging);
    const report = await runConformanceCheck({ url, accessKey, outbound, queryTimeoutMs: 1000 });
    expect(verdicts(report)).toEqual(allPassingBut("query"));
    expect(find(report, "query").detail).toMatch(/did not end with done within 1 second/);
  });

  it("fails the query of a bot whose first event is late, saying how late", async () => {
    const slow = defineBot({
      async *onQuery() {
        await new Promise((resolve) => setTimeout(resolve, 700));
        yield "Sorry, I was thinking";
      },
    });
    const { url, accessKey } = await start(slow);
    const report = await runConformanceCheck({
      url,
      accessKey,
      outbound,
      firstEventTimeoutMs: 300,
    });
    expect(verdicts(report)).toEqual(allPassingBut("query"));
    expect(find(report, "query").detail).toMatch(
      /^first event after 0\.[789] s: users see a timeout at 0\.3 s; .*send meta \(or text\) at once/,
    );
  });

  it("fails a late first event even when the head came late with it", async () => {
    // What an SDK bot looked like before it sent its head at once: nothing at all, then both.
    const url = await startWrapped(async (request, body) => {
      if (body.type !== "query") return undefined;
      await new Promise((resolve) => setTimeout(resolve, 700));
      return createFetchHandler(goodBot)(request);
    });
    const report = await runConformanceCheck({ url, outbound, firstEventTimeoutMs: 300 });
    expect(find(report, "query").passed).toBe(false);
    expect(find(report, "query").detail).toMatch(/^first event after 0\.[789] s/);
  });

  it("fails the query of a stream that closes without done", async () => {
    const url = await startWrapped(async (request, body) => {
      if (body.type !== "query") return undefined;
      const stream = await (await createFetchHandler(goodBot)(request)).text();
      const cut = stream.replace(/event: done\r?\ndata: \{\}\r?\n\r?\n/, "");
      return new Response(cut, { headers: { "content-type": "text/event-stream" } });
    });
    const report = await runConformanceCheck({ url, outbound });
    expect(find(report, "query")).toMatchObject({ passed: false });
    expect(find(report, "query").detail).toMatch(/ended without a done event/);
  });

  it("accepts a JSON reply to a query, and says so", async () => {
    const url = await startWrapped(async (_request, body) =>
      body.type === "query" ? Response.json({ text: "Hi" }) : undefined,
    );
    const query = find(await runConformanceCheck({ url, outbound }), "query");
    expect(query.passed).toBe(true);
    expect(query.detail).toMatch(/JSON .* reply instead of a stream/);
  });

  it("flags a 200 to an unknown request type as a warning", async () => {
    const known = ["query", "settings", "report_feedback", "report_reaction", "report_error"];
    const url = await startWrapped(async (_request, body) =>
      known.includes(body.type ?? "") ? undefined : Response.json({}),
    );
    const report = await runConformanceCheck({ url, outbound });
    const check = find(report, "unknown_type");
    expect(check).toMatchObject({ passed: false, warning: true });
    expect(check.detail).toMatch(/answered HTTP 200 .* asks for 501/);
    expect(report.passed).toBe(false);
  });

  it("fails the wrong-key check of a bot that ignores its key", async () => {
    const running = await serve(goodBot, {
      port: 0,
      host: "127.0.0.1",
      allowWithoutKey: true,
      env: {},
    });
    closers.push(() => running.close());
    const accessKey = "k".repeat(32);
    const report = await runConformanceCheck({ url: running.url, accessKey, outbound });
    expect(verdicts(report)).toEqual(allPassingBut("wrong_access_key"));
    expect(find(report, "wrong_access_key").detail).toMatch(/accepted a wrong access key/);
  });

  it("fails every check of a server that answers 500, quoting the answer", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ detail: "Internal server error" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const report = await runConformanceCheck({ url, accessKey: "k".repeat(32), outbound });
    expect(verdicts(report)).toEqual(allPassingBut(...ALL));
    expect(find(report, "settings").detail).toBe(
      'answered HTTP 500 ("Internal server error"); a platform needs 200 with JSON settings, or it falls back to default settings.',
    );
    expect(find(report, "unknown_type").warning).toBeUndefined();
  });

  it("tells a key mismatch apart from a broken bot", async () => {
    const { url } = await start(goodBot);
    const report = await runConformanceCheck({ url, accessKey: "x".repeat(32), outbound });
    expect(find(report, "settings").detail).toMatch(/refusing the check's access key/);
  });

  it("stops after one check when nothing answers", async () => {
    const server = await createBotTestServer(goodBot);
    await server.close();
    const report = await runConformanceCheck({ url: server.url, outbound });
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ name: "settings", passed: false });
  });
});

describe("POST /api/bots/check", () => {
  it("runs the check for a signed-in user and refuses anonymous callers", async () => {
    const platform = await startTestPlatform();
    closers.push(() => platform.dispose());
    const { url, accessKey } = await start(goodBot);
    const alice = await platform.signUp("alice@example.com");
    const report = await alice.json<ConformanceReport>("POST", "/api/bots/check", {
      url,
      access_key: accessKey,
    });
    expect(report.passed).toBe(true);
    expect(report.checks).toHaveLength(8);
    const anonymous = await fetch(`${platform.url}/api/bots/check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url }),
    });
    expect(anonymous.status).toBe(401);
    const invalid = await alice.request("POST", "/api/bots/check", { url: "ftp://x" });
    expect(invalid.status).toBe(400);
  });
});
