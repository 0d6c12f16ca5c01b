import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  readReply,
  registerBot,
  sendToScriptedBot,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import {
  startScriptedBot,
  type QueryScript,
  type ScriptedBot,
} from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** A row of `GET /api/bots/:handle/calls`. */
interface ListedCall {
  id: string;
  status: string;
  event_count: number;
  malformed_count: number;
  timed_out: boolean;
}

/** `GET /api/bots/:handle/calls/:id`. */
interface CallDetails {
  call: ListedCall;
  request: string | null;
  events: { ms: number; event: string; data: string }[];
  truncated: boolean;
  request_truncated: boolean;
  events_truncated: boolean;
}

/** A reply with one event of every kind of mistake the reader forgives. */
const sloppy: QueryScript = (exchange) => {
  exchange.send("meta", { content_type: "text/markdown", linkify: "yes" });
  exchange.send("text", { text: "Hello" });
  exchange.send("sparkle", "{not json at all");
  exchange.send("text", { text: " there" });
  exchange.send("done");
  exchange.end();
};

describe.each(TEST_DIALECTS)("a bot's call details on %s", (dialect) => {
  let platform: TestPlatform;
  let alice: TestClient;
  const bots: ScriptedBot[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(dialect, {
      overrides: { limits: { firstEventTimeoutMs: 300 } },
    });
    alice = await platform.signUp("alice@example.com");
  });
  afterAll(async () => {
    await platform.dispose();
    await Promise.all(bots.map((bot) => bot.close()));
  });

  /** Sends one message to a bot running `script`, reads the reply; returns the bot's calls. */
  async function callsAfterReply(script: QueryScript, handle: string) {
    const { bot, botMessageId } = await sendToScriptedBot(alice, script, handle);
    bots.push(bot);
    await readReply(alice, botMessageId);
    const { calls } = await alice.json<{ calls: ListedCall[] }>("GET", `/api/bots/${handle}/calls`);
    return { bot, calls };
  }

  const details = (handle: string, id: string) =>
    alice.json<CallDetails>("GET", `/api/bots/${handle}/calls/${id}`);

  it("shows the request as the bot got it and every event as it came, with the malformed ones counted", async () => {
    const { bot, calls } = await callsAfterReply(sloppy, "sloppy");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: "ok", malformed_count: 2, timed_out: false });
    const shown = await details("sloppy", calls[0]!.id);
    expect(shown.call).toEqual(calls[0]);
    expect(shown.events.map(({ event, data }) => [event, data])).toEqual([
      ["meta", '{"content_type":"text/markdown","linkify":"yes"}'],
      ["text", '{"text":"Hello"}'],
      ["sparkle", "{not json at all"],
      ["text", '{"text":" there"}'],
      ["done", "{}"],
    ]);
    const times = shown.events.map((event) => event.ms);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(shown).toMatchObject({ truncated: false, request_truncated: false });
    // The request is the body the bot received, byte for byte but for nothing secret in it.
    const received = bot.received("query")[0]!;
    expect(JSON.parse(shown.request!)).toEqual(received.body);
    expect(received.body.access_key).toBe("<missing>");
    expect(shown.request).not.toContain(bot.accessKey);
  });

  it("marks a call that missed its first-event deadline as timed out, for each attempt", async () => {
    const { calls } = await callsAfterReply(misbehavingBots.hangsBeforeFirstEvent(), "hanging");
    expect(calls.map((call) => [call.status, call.timed_out, call.event_count])).toEqual([
      ["error", true, 0],
      ["error", true, 0],
    ]);
    expect((await details("hanging", calls[0]!.id)).events).toEqual([]);
  });

  it("keeps the first 500 events of a long reply and says the rest were left out", async () => {
    const { calls } = await callsAfterReply(misbehavingBots.sendsEvents("x", 700), "chatty");
    expect(calls[0]).toMatchObject({ status: "ok", event_count: 701, malformed_count: 0 });
    const shown = await details("chatty", calls[0]!.id);
    expect(shown.events).toHaveLength(500);
    expect(shown).toMatchObject({ truncated: true, events_truncated: true });
  });

  it("cuts a request over 64 KiB and says so", async () => {
    const key = await alice.json<{ key: string }>("POST", "/api/keys", { name: "script" });
    const response = await fetch(`${platform.url}/bot/sloppy`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      body: JSON.stringify(queryBody("é".repeat(40_000))),
    });
    await response.text();
    const { calls } = await alice.json<{ calls: ListedCall[] }>("GET", "/api/bots/sloppy/calls");
    const shown = await details("sloppy", calls[0]!.id);
    expect(shown).toMatchObject({ truncated: true, request_truncated: true });
    expect(Buffer.byteLength(shown.request!)).toBeLessThanOrEqual(64 * 1024);
    expect(shown.request).toMatch(/^\{"version":"1.2","type":"query","query":\[\{"role":"user"/);
    expect(shown.request).toMatch(/é$/);
  });

  it("hides the signatures of the file URLs a request carries", async () => {
    const form = new FormData();
    form.append("file", new Blob(["private notes"], { type: "text/plain" }), "notes.txt");
    const uploaded = await fetch(`${platform.url}/api/files`, {
      method: "POST",
      headers: { cookie: alice.cookie },
      body: form,
    });
    const { file } = (await uploaded.json()) as { file: { id: string } };
    const bot = await startScriptedBot(sloppy, { settings: { allow_attachments: true } });
    bots.push(bot);
    await registerBot(alice, bot, { handle: "reader" });
    const conversation = await startConversation(alice, "reader");
    const sent = await alice.json<{ bot_message: { id: string } }>(
      "POST",
      `/api/conversations/${conversation}/messages`,
      { content: "Read this", attachments: [file.id] },
    );
    await readReply(alice, sent.bot_message.id);
    const received = JSON.stringify(bot.received("query")[0]!.body.query);
    const signature = /signature=([\w-]+)/.exec(received)![1]!;
    const { calls } = await alice.json<{ calls: ListedCall[] }>("GET", "/api/bots/reader/calls");
    const shown = await details("reader", calls[0]!.id);
    expect(shown.request).toContain(`/files/${file.id}?expires=`);
    expect(shown.request).toContain("signature=[redacted]");
    expect(shown.request).not.toContain(signature);
  });

  it("shows a call's conversation to the bot's owner only, never to an admin", async () => {
    const bob = await platform.signUp("bob@example.com");
    const { bot, botMessageId } = await sendToScriptedBot(bob, sloppy, "bobs-bot");
    bots.push(bot);
    await readReply(bob, botMessageId);
    // Alice is the platform's admin: she may see that calls happened, not what was said.
    const { calls } = await alice.json<{ calls: ListedCall[] }>("GET", "/api/bots/bobs-bot/calls");
    expect(calls).toHaveLength(1);
    const path = `/api/bots/bobs-bot/calls/${calls[0]!.id}`;
    expect((await alice.request("GET", path)).status).toBe(404);
    expect((await bob.json<CallDetails>("GET", path)).request).toContain("Tell me a story");
  });

  it("answers 404 for a call of another bot, or one that does not exist", async () => {
    const { calls } = await alice.json<{ calls: ListedCall[] }>("GET", "/api/bots/sloppy/calls");
    for (const path of [
      `/api/bots/chatty/calls/${calls[0]!.id}`,
      "/api/bots/sloppy/calls/call_x",
    ]) {
      const response = await alice.request("GET", path);
      expect(response.status).toBe(404);
    }
  });
});
