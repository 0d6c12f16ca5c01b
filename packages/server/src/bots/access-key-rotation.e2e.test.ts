import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe("POST /api/bots/:handle/access-key/rotate", () => {
  let platform: TestPlatform;
  let bot: ScriptedBot;
  let alice: TestClient;

  beforeAll(async () => {
    platform = await startTestPlatform();
    bot = await startScriptedBot(misbehavingBots.replies(["Hi"]));
    alice = await platform.signUp("alice@example.com");
    await registerBot(alice, bot, { handle: "keyed" });
  });
  afterAll(async () => {
    await platform.dispose();
    await bot.close();
  });

  /** What the platform answers a settings push signed with `key`. */
  const pushSettings = async (key: string) =>
    (
      await fetch(`${platform.url}/bot/update_settings/keyed/${key}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ introduction_message: "Hello" }),
      })
    ).status;

  it("gives the bot a new key at once: the old one is refused, the new one works and is sent", async () => {
    const rotated = await alice.json<{ access_key: string }>(
      "POST",
      "/api/bots/keyed/access-key/rotate",
    );
    expect(rotated.access_key).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(rotated.access_key).not.toBe(bot.accessKey);
    expect(await alice.json("GET", "/api/bots/keyed/access-key")).toEqual(rotated);

    expect(await pushSettings(bot.accessKey)).toBe(401);
    expect(await pushSettings(rotated.access_key)).toBe(200);

    const conversation = await startConversation(alice, "keyed");
    const { botMessageId } = await sendMessage(alice, conversation, "Who am I talking to?");
    await readReply(alice, botMessageId);
    expect(bot.received("query").at(-1)!.headers.authorization).toBe(
      `Bearer ${rotated.access_key}`,
    );
  });

  it("refuses built-in bots, which have no key", async () => {
    const response = await alice.request("POST", "/api/bots/echo/access-key/rotate");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "Only server bots have an access key to rotate",
      },
    });
  });

  it("answers 404 to anyone who may not edit the bot, and keeps its key", async () => {
    const { access_key: before } = await alice.json<{ access_key: string }>(
      "GET",
      "/api/bots/keyed/access-key",
    );
    const bob = await platform.signUp("bob@example.com");
    expect((await bob.request("POST", "/api/bots/keyed/access-key/rotate")).status).toBe(404);
    expect(await alice.json("GET", "/api/bots/keyed/access-key")).toEqual({ access_key: before });
  });
});
