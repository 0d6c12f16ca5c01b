import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  clientAt,
  getMessage,
  readReply,
  registerBot,
  sendMessage,
  startConversation,
  type ApiMessage,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe.each(TEST_DIALECTS)("one user's objects, seen by another user, on %s", (dialect) => {
  let platform: TestPlatform;
  let bot: ScriptedBot;
  let alice: TestClient;
  let aliceKey: { id: string; key: string };
  let bobs: [string, TestClient][];
  let bobByKey: TestClient;
  const ids = { conversation: "", userMessage: "", botMessage: "", call: "" };

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    bot = await startScriptedBot(misbehavingBots.replies(["A private answer"]));
    alice = await platform.signUp("alice@example.com");
    await registerBot(alice, bot, { handle: "alices-private", visibility: "private" });
    await registerBot(alice, bot, { handle: "alices-public", visibility: "public" });
    ids.conversation = await startConversation(alice, "alices-private");
    const sent = await sendMessage(alice, ids.conversation, "My secret question");
    ids.userMessage = sent.userMessageId;
    ids.botMessage = sent.botMessageId;
    await readReply(alice, ids.botMessage);
    const { calls } = await alice.json<{ calls: { id: string }[] }>(
      "GET",
      "/api/bots/alices-private/calls",
    );
    ids.call = calls[0]!.id;
    aliceKey = await alice.json("POST", "/api/keys", { name: "alice's laptop" });

    const bobByCookie = await platform.signUp("bob@example.com");
    const bobKey = await bobByCookie.json<{ key: string }>("POST", "/api/keys", { name: "bob" });
    bobByKey = clientAt(platform.url, { apiKey: bobKey.key });
    bobs = [
      ["session cookie", bobByCookie],
      ["API key", bobByKey],
    ];
  });
  afterAll(async () => {
    await platform.dispose();
    await bot.close();
  });

  const attempts = (): [string, string, unknown?][] => [
    ["GET", `/api/conversations/${ids.conversation}`],
    ["PATCH", `/api/conversations/${ids.conversation}`, { title: "Hijacked" }],
    ["POST", `/api/conversations/${ids.conversation}/messages`, { content: "Hijack" }],
    [
      "POST",
      `/api/conversations/${ids.conversation}/messages`,
      { content: "Hijack", parent_id: ids.botMessage },
    ],
    ["POST", `/api/conversations/${ids.conversation}/reset`],
    ["GET", `/api/messages/${ids.userMessage}`],
    ["GET", `/api/messages/${ids.botMessage}`],
    ["GET", `/api/messages/${ids.botMessage}/stream`],
    ["POST", `/api/messages/${ids.botMessage}/stop`],
    ["POST", `/api/messages/${ids.botMessage}/regenerate`],
    ["POST", `/api/messages/${ids.botMessage}/feedback`, { type: "dislike" }],
    ["POST", `/api/messages/${ids.botMessage}/reaction`, { reaction: "sad" }],
    ["POST", "/api/conversations", { bot: "alices-private" }],
    ["GET", "/api/bots/alices-private"],
    ["PATCH", "/api/bots/alices-private", { description: "Owned" }],
    ["GET", "/api/bots/alices-private/access-key"],
    ["GET", "/api/bots/alices-private/calls"],
    ["POST", "/api/bots/alices-private/sync"],
    ["PATCH", "/api/bots/alices-public", { description: "Owned" }],
    ["GET", "/api/bots/alices-public/access-key"],
    ["GET", "/api/bots/alices-public/calls"],
    ["POST", "/api/bots/alices-public/sync"],
    ["GET", `/api/bots/alices-private/calls/${ids.call}`],
    ["POST", "/api/bots/alices-private/access-key/rotate"],
    ["POST", "/api/bots/alices-public/access-key/rotate"],
    ["POST", "/api/bots/alices-private/test-connection"],
    ["POST", "/api/bots/alices-public/test-connection"],
    ["DELETE", "/api/bots/alices-private/avatar"],
    ["DELETE", "/api/bots/alices-public/avatar"],
    ["DELETE", `/api/keys/${aliceKey.id}`],
    ["DELETE", "/api/bots/alices-public"],
    ["DELETE", "/api/bots/alices-private"],
    ["DELETE", `/api/conversations/${ids.conversation}`],
  ];

  it("answers 404 to every request on another user's objects, whatever the credential", async () => {
    const statuses: string[] = [];
    for (const [credential, bob] of bobs) {
      for (const [method, path, body] of attempts()) {
        const response = await bob.request(method, path, body);
        const text = await response.text();
        statuses.push(`${credential} ${method} ${path} → ${response.status}`);
        // Nothing of Alice's may leak in an error body either.
        expect(text).not.toMatch(/secret question|private answer|access_key/);
      }
    }
    expect(statuses.filter((line) => !line.endsWith("→ 404"))).toEqual([]);
  });

  it("answers exactly as it would for an object that does not exist", async () => {
    const pairs = [
      [`/api/conversations/${ids.conversation}`, "/api/conversations/conv_doesnotexist00"],
      [`/api/messages/${ids.botMessage}`, `/api/messages/m-${"0".repeat(32)}`],
      [`/api/messages/${ids.botMessage}/stream`, `/api/messages/m-${"0".repeat(32)}/stream`],
    ];
    for (const [, bob] of bobs) {
      for (const [real, missing] of pairs) {
        const [forReal, forMissing] = await Promise.all([
          bob.request("GET", real!),
          bob.request("GET", missing!),
        ]);
        expect([forReal.status, await forReal.json()]).toEqual([
          forMissing.status,
          await forMissing.json(),
        ]);
      }
    }
  });

  it("does not list another user's conversations, private bots or keys", async () => {
    for (const [, bob] of bobs) {
      const { conversations } = await bob.json<{ conversations: { id: string }[] }>(
        "GET",
        "/api/conversations",
      );
      expect(conversations.map((conversation) => conversation.id)).not.toContain(ids.conversation);
      const { bots } = await bob.json<{ bots: { handle: string }[] }>("GET", "/api/bots");
      expect(bots.map((listed) => listed.handle)).not.toContain("alices-private");
      expect(bots.map((listed) => listed.handle)).toContain("alices-public");
      const { keys } = await bob.json<{ keys: { id: string }[] }>("GET", "/api/keys");
      expect(keys.map((key) => key.id)).not.toContain(aliceKey.id);
    }
  });

  it("answers Bob's API key on the Poe and OpenAI APIs exactly as for a bot that does not exist", async () => {
    const chat = (model: string) => ({ model, messages: [{ role: "user", content: "Hijack" }] });
    const attempts: [string, (handle: string) => string, (handle: string) => unknown][] = [
      ["POST", (handle) => `/bot/${handle}`, () => queryBody("Hijack")],
      ["GET", (handle) => `/v1/models/${handle}`, () => undefined],
      ["POST", () => "/v1/chat/completions", chat],
    ];
    for (const [method, path, body] of attempts) {
      const answer = async (handle: string) => {
        const response = await bobByKey.request(method, path(handle), body(handle));
        return [response.status, (await response.text()).replaceAll(handle, "<bot>")];
      };
      const [forPrivate, forMissing] = [
        await answer("alices-private"),
        await answer("no-such-bot"),
      ];
      expect(forPrivate[0]).toBe(404);
      expect(forPrivate).toEqual(forMissing);
    }
    const { data: models } = await bobByKey.json<{ data: { id: string }[] }>("GET", "/v1/models");
    expect(models.map((model) => model.id)).not.toContain("alices-private");
    expect(models.map((model) => model.id)).toContain("alices-public");
    expect(bot.received("query")).toHaveLength(1);
  });

  it("leaves every object of the owner as it was, reachable with her own API key", async () => {
    const aliceByKey = clientAt(platform.url, { apiKey: aliceKey.key });
    const { messages } = await aliceByKey.json<{ messages: ApiMessage[] }>(
      "GET",
      `/api/conversations/${ids.conversation}`,
    );
    expect(messages.map((message) => [message.role, message.content])).toEqual([
      ["user", "My secret question"],
      ["bot", "A private answer"],
    ]);
    expect(await getMessage(aliceByKey, ids.botMessage)).toMatchObject({
      feedback: null,
      reaction: null,
      context_id: messages[0]!.context_id,
    });
    const { bot: stored } = await aliceByKey.json<{
      bot: { description: string; visibility: string };
    }>("GET", "/api/bots/alices-private");
    expect(stored).toMatchObject({ description: "", visibility: "private" });
    await aliceByKey.json("GET", "/api/bots/alices-public");
    // Nothing of Bob's reached Alice's bot: one query, no reports.
    expect(bot.received("query")).toHaveLength(1);
    expect(bot.received("report_feedback")).toEqual([]);
    expect(bot.received("report_reaction")).toEqual([]);
  });

  /**
   * Bob's public bot declares other users' private bots as dependencies (a bot may change its
   * settings at any time) and calls the one named in the message, during a reply to Alice (the
   * admin, and owner of one of them) or to Carol (owner of the other).
   */
  describe("a bot's access key", () => {
    let bobsBots: BotTestServer;
    let carol: TestClient;

    beforeAll(async () => {
      const base = `${platform.url}/bot/`;
      bobsBots = await createBotTestServer([
        defineBot({
          settings: {
            server_bot_dependencies: {
              "alices-private": 1,
              "carols-private": 1,
              "no-such-bot": 1,
              "bobs-helper": 1,
              echo: 1,
            },
          },
          accessKey: "R".repeat(32),
          path: "/relay",
          async *onQuery(request) {
            const target = request.query.at(-1)?.content ?? "";
            const response = await fetch(`${base}${target}`, {
              method: "POST",
              headers: {
                authorization: `Bearer ${request.access_key}`,
                "content-type": "application/json",
              },
              body: JSON.stringify(request),
            });
            yield `${response.status} ${await response.text()}`;
          },
        }),
        defineBot({
          accessKey: "H".repeat(32),
          path: "/helper",
          async *onQuery() {
            yield "Bob's helper answers";
          },
        }),
      ]);
      const bob = await platform.signUp("bob-the-author@example.com");
      await registerBot(
        bob,
        { url: `${bobsBots.url}/relay`, accessKey: "R".repeat(32) },
        { handle: "bobs-relay", visibility: "public" },
      );
      await registerBot(
        bob,
        { url: `${bobsBots.url}/helper`, accessKey: "H".repeat(32) },
        { handle: "bobs-helper", visibility: "private" },
      );
      carol = await platform.signUp("carol@example.com");
      await registerBot(carol, bot, { handle: "carols-private", visibility: "private" });
    });
    afterAll(async () => {
      await bobsBots.close();
    });

    /** What Bob's relay got back when it called `target`, answering `user`. */
    async function relayCall(user: TestClient, target: string): Promise<string> {
      const conversation = await startConversation(user, "bobs-relay");
      const { botMessageId } = await sendMessage(user, conversation, target);
      const done = (await readReply(user, botMessageId)).at(-1);
      return String(done?.data.text);
    }

    it("reaches public bots and its owner's private ones", async () => {
      expect(await relayCall(alice, "echo")).toMatch(/^200 /);
      // Who the relay answers does not matter: Carol may not use Bob's helper herself.
      expect(await relayCall(carol, "bobs-helper")).toMatch(/^200 [^]*Bob's helper answers/);
    });

    it("never reaches another owner's private bot, even answering its owner or an admin", async () => {
      const queriesBefore = bot.received("query").length;
      const missing = await relayCall(alice, "no-such-bot");
      expect(missing).toMatch(/^404 /);
      const asMissing = (answer: string, handle: string) =>
        answer.replaceAll(handle, "no-such-bot");
      const calls: [string, TestClient, string][] = [
        ["admin and owner Alice", alice, "alices-private"],
        ["admin Alice", alice, "carols-private"],
        ["owner Carol", carol, "carols-private"],
      ];
      for (const [answering, user, target] of calls) {
        expect([answering, asMissing(await relayCall(user, target), target)]).toEqual([
          answering,
          missing,
        ]);
      }
      expect(bot.received("query")).toHaveLength(queriesBefore);
    });
  });
});
