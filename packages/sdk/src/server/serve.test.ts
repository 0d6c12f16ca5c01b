import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { defineBot, type Bot } from "../bot/define-bot.js";
import { PoeBot } from "../bot/poe-bot.js";
import { replaceResponse, suggestedReply } from "../bot/bot-response.js";
import { serve, type RunningServer } from "./serve.js";
import { webhookHeaders, generateWebhookSecret } from "../webhooks/index.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), "utf8");
const KEY = "a".repeat(32);

/** The echo bot the fixtures were recorded from, written with the SDK. */
const echoBot = defineBot({
  async *onQuery(request) {
    const last = request.query.at(-1)?.content ?? "";
    yield last;
    yield ` (echo of ${last.length} chars)`;
    yield suggestedReply("Say it again");
  },
  settings: {
    server_bot_dependencies: { "GPT-3.5-Turbo": 1 },
    introduction_message: "Hi, I am an echo bot. I repeat what you say.",
  },
});

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(bots: Bot | Bot[], options: Parameters<typeof serve>[1] = {}) {
  const running = await serve(bots, {
    port: 0,
    host: "127.0.0.1",
    accessKey: KEY,
    env: {},
    ...options,
  });
  servers.push(running);
  return running;
}

function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${KEY}` },
) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("serve: the wire as fastapi_poe puts it", () => {
  it("answers a query with the fixture's bytes (JSON spacing aside) and headers", async () => {
    const { url } = await start(echoBot);
    const response = await post(url, JSON.parse(fixture("query.request.json")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(await response.text()).toBe(fixture("query.sse").replaceAll('": ', '":'));
  });

  it("answers settings with every field it set and response_version 2", async () => {
    const { url } = await start(echoBot);
    const response = await post(url, JSON.parse(fixture("settings.request.json")));
    const reference = JSON.parse(fixture("settings.json")) as Record<string, unknown>;
    const withoutNulls = Object.fromEntries(
      Object.entries(reference).filter(([, v]) => v !== null),
    );
    expect(await response.json()).toEqual(withoutNulls);
  });

  it("refuses a request without Authorization, even without a key, like the fixture", async () => {
    const { url } = await start(echoBot, { accessKey: undefined, allowWithoutKey: true });
    const response = await post(url, JSON.parse(fixture("query.request.json")), {});
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.text()).toBe(fixture("noauth.body"));
  });

  it("refuses a wrong key with the fixture's 401 body", async () => {
    const { url } = await start(echoBot);
    const response = await post(url, {}, { authorization: `Bearer ${"b".repeat(32)}` });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe(fixture("wrongkey.body"));
  });

  it("answers an unknown request type with the fixture's 501", async () => {
    const { url } = await start(echoBot);
    const response = await post(url, JSON.parse(fixture("unknown.request.json")));
    expect(response.status).toBe(501);
    expect(await response.text()).toBe(fixture("unknown.body"));
  });

  it("serves a health page on GET", async () => {
    const { url } = await start(echoBot);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("running");
  });

  it("gives clear 400s for a body that is not JSON or a query without messages", async () => {
    const { url } = await start(echoBot);
    const notJson = await post(url, "{oops");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ detail: "Request body is not valid JSON" });
    const noQuery = await post(url, {
      version: "1.2",
      type: "query",
      user_id: "u",
      conversation_id: "c",
      message_id: "m",
    });
    expect(noQuery.status).toBe(400);
    expect(JSON.stringify(await noQuery.json())).toContain("query");
  });

  it("answers 413 for a body over the cap", async () => {
    const { url } = await start(echoBot, { maxBodyBytes: 1000 });
    const response = await post(url, { padding: "x".repeat(5000) });
    expect(response.status).toBe(413);
  });
});

describe("serve: reports and handlers", () => {
  it("passes report_feedback, report_reaction and report_error to the bot and answers {}", async () => {
    const seen: string[] = [];
    const bot = defineBot({
      async *onQuery() {},
      onFeedback: (request) => void seen.push(`feedback:${request.feedback_type}`),
      onReaction: (request) => void seen.push(`reaction:${request.reaction}`),
      onError: (request) => void seen.push(`error:${request.message}`),
    });
    const { url } = await start(bot);
    const ids = { message_id: "m-1", user_id: "u-1", conversation_id: "c-1", version: "1.2" };
    for (const body of [
      { ...ids, type: "report_feedback", feedback_type: "like" },
      { ...ids, type: "report_reaction", reaction: "heart" },
      {
        version: "1.2",
        type: "report_error",
        message: "Bot returned no text in response",
        metadata: {},
      },
    ]) {
      const response = await post(url, body);
      expect(await response.json()).toEqual({});
    }
    expect(seen).toEqual([
      "feedback:like",
      "reaction:heart",
      "error:Bot returned no text in response",
    ]);
  });

  it("gives the handler the bot's own key, never one from the wire", async () => {
    let received = "";
    const bot = defineBot({
      async *onQuery(request) {
        received = request.access_key;
        yield "ok";
      },
    });
    const { url } = await start(bot);
    await (
      await post(url, { ...JSON.parse(fixture("query.request.json")), access_key: "spoofed" })
    ).text();
    expect(received).toBe(KEY);
  });
});

describe("serve: streaming behaviour", () => {
  it("turns an exception into an error event without retry, then done", async () => {
    const bot = defineBot({
      async *onQuery() {
        yield "partial";
        throw new Error("database down");
      },
      logger: () => {}, // bot-exceptions.test.ts checks what is logged
    });
    const { url } = await start(bot);
    const body = await (await post(url, JSON.parse(fixture("query.request.json")))).text();
    expect(body).toBe(
      'event: text\r\ndata: {"text":"partial"}\r\n\r\n' +
        'event: error\r\ndata: {"allow_retry":false,"text":"The bot encountered an unexpected issue.","raw_response":"Error: database down"}\r\n\r\n' +
        "event: done\r\ndata: {}\r\n\r\n",
    );
  });

  it("sends exactly one done even when the handler yields its own", async () => {
    const bot = defineBot({
      async *onQuery() {
        yield replaceResponse("x");
        yield { event: "done", data: {} };
        yield "never sent";
      },
    });
    const { url } = await start(bot);
    const body = await (await post(url, JSON.parse(fixture("query.request.json")))).text();
    expect(body.match(/event: done/g)).toHaveLength(1);
    expect(body).not.toContain("never sent");
  });

  it("streams each event while the handler is still running", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const bot = defineBot({
      async *onQuery() {
        yield "first";
        await released; // until the client has read "first"
        yield "second";
      },
    });
    const { url } = await start(bot);
    const response = await post(url, JSON.parse(fixture("query.request.json")));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    while (!received.includes('{"text":"first"}')) received += (await reader.read()).value;
    expect(received).not.toContain("second");
    release();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      received += chunk.value;
    }
    expect(received).toBe(
      'event: text\r\ndata: {"text":"first"}\r\n\r\n' +
        'event: text\r\ndata: {"text":"second"}\r\n\r\n' +
        "event: done\r\ndata: {}\r\n\r\n",
    );
  });

  it("sends keep-alive comments while the handler is silent", async () => {
    const bot = defineBot({
      async *onQuery() {
        await new Promise((resolve) => setTimeout(resolve, 250));
        yield "late";
      },
    });
    const { url } = await start(bot, { keepAliveMs: 50 });
    const body = await (await post(url, JSON.parse(fixture("query.request.json")))).text();
    expect(body).toMatch(/^: ping - \d{4}-\d\d-\d\dT/);
    expect(body).toContain('{"text":"late"}');
  });

  it("sends queued files before the text that refers to them", async () => {
    const bot = defineBot({
      // Destructured, as handlers often take their context.
      async *onQuery(_request, { attachFile }) {
        attachFile({
          url: "https://files/1.png",
          content_type: "image/png",
          name: "1.png",
          inline_ref: "abc",
        });
        yield "![chart][abc]";
      },
    });
    const { url } = await start(bot);
    const body = await (await post(url, JSON.parse(fixture("query.request.json")))).text();
    expect(body.indexOf("event: file")).toBeGreaterThanOrEqual(0);
    expect(body.indexOf("event: file")).toBeLessThan(body.indexOf("event: text"));
  });

  it("stops the handler and aborts its signal when the caller disconnects", async () => {
    let cleanedUp = false;
    let aborted = false;
    const bot = defineBot({
      async *onQuery(_request, context) {
        context.signal.addEventListener("abort", () => (aborted = true));
        try {
          for (let i = 0; ; i++) {
            yield `tick ${i} `;
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        } finally {
          cleanedUp = true;
        }
      },
    });
    const { url } = await start(bot);
    const controller = new AbortController();
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: fixture("query.request.json"),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => cleanedUp && aborted, { timeout: 2000 }).toBe(true);
  });
});

describe("serve: several bots, keys and signatures", () => {
  it("routes several bots by path and 404s others", async () => {
    const hello = defineBot({
      path: "/hello",
      accessKey: KEY,
      async *onQuery() {
        yield "hello";
      },
    });
    const bye = defineBot({
      path: "/bye/",
      accessKey: KEY,
      async *onQuery() {
        yield "bye";
      },
    });
    const { url } = await start([hello, bye]);
    const query = JSON.parse(fixture("query.request.json"));
    expect(await (await post(`${url}/hello`, query)).text()).toContain('"hello"');
    expect(await (await post(`${url}/bye`, query)).text()).toContain('"bye"');
    expect((await post(`${url}/other`, query)).status).toBe(404);
  });

  it("refuses to start without a key, with a key of the wrong length, or with shared paths", async () => {
    const options = { port: 0, exitOnError: false };
    await expect(serve(echoBot, { ...options, env: {} })).rejects.toThrow(/POE_ACCESS_KEY/);
    await expect(serve(echoBot, { ...options, env: { POE_ACCESS_KEY: "short" } })).rejects.toThrow(
      /has 5 characters; it must have exactly 32/,
    );
    const twin = defineBot({ accessKey: KEY, async *onQuery() {} });
    await expect(serve([twin, twin], { port: 0, env: {} })).rejects.toThrow(/share the path/);
  });

  it("reads PORT and POE_ACCESS_KEY from the environment", async () => {
    const running = await serve(echoBot, {
      host: "127.0.0.1",
      env: { PORT: "0", POE_ACCESS_KEY: KEY },
    });
    servers.push(running);
    const response = await post(running.url, JSON.parse(fixture("query.request.json")));
    expect(response.status).toBe(200);
  });

  it("checks Standard Webhooks signatures when a secret is set", async () => {
    const secret = generateWebhookSecret();
    const { url } = await start(defineBot({ ...echoBot.definition, webhookSecret: secret }));
    const body = fixture("query.request.json");
    const unsigned = await post(url, body);
    expect(unsigned.status).toBe(401);
    expect(JSON.stringify(await unsigned.json())).toContain("signature");
    const signed = await post(url, body, {
      authorization: `Bearer ${KEY}`,
      ...webhookHeaders({ secret, id: "msg_1", body }),
    });
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain("echo of 5 chars");
  });

  it("serves the class form like fastapi_poe's PoeBot", async () => {
    class Shout extends PoeBot {
      override async *getResponse(request: Parameters<PoeBot["getResponse"]>[0]) {
        yield (request.query.at(-1)?.content ?? "").toUpperCase();
      }
    }
    const { url } = await start(new Shout().toBot());
    expect(await (await post(url, JSON.parse(fixture("query.request.json")))).text()).toContain(
      '"HELLO"',
    );
  });
});

describe("serve: settings sync at start", () => {
  it("pushes a named bot's settings to update_settings, like fastapi_poe's make_app", async () => {
    const received: { url: string; body: unknown }[] = [];
    // A stand-in for the platform's settings endpoint, recording what arrives.
    const { createServer } = await import("node:http");
    const standIn = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push({ url: request.url ?? "", body: JSON.parse(body) as unknown });
        response.end("{}");
      });
    });
    await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
    const port = (standIn.address() as { port: number }).port;
    try {
      await start(defineBot({ ...echoBot.definition, botName: "EchoBot", accessKey: KEY }), {
        settingsBaseUrl: `http://127.0.0.1:${port}/bot/`,
      });
      expect(received).toHaveLength(1);
      expect(received[0]!.url).toBe(`/bot/update_settings/EchoBot/${KEY}/1.2`);
      expect(received[0]!.body).toMatchObject({
        introduction_message: expect.stringContaining("echo"),
      });
    } finally {
      standIn.close();
    }
  });
});
