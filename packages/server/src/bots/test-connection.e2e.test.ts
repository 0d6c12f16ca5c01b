import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBot } from "../testing/bots/chat-helpers.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe("testing a bot's connection through the API", () => {
  let platform: TestPlatform;
  let bot: ScriptedBot;
  let alice: TestClient;

  beforeAll(async () => {
    platform = await startTestPlatform();
    bot = await startScriptedBot(undefined, { settings: { introduction_message: "Ready" } });
    alice = await platform.signUp("alice@example.com");
  });
  afterAll(async () => {
    await platform.dispose();
    await bot.close();
  });

  it("tests a URL and key from the creator form, before the bot exists", async () => {
    const result = await alice.json("POST", "/api/bots/test-connection", {
      url: bot.url,
      access_key: bot.accessKey,
    });
    expect(result).toMatchObject({
      ok: true,
      http_status: 200,
      settings: { introduction_message: "Ready" },
    });
    const received = bot.received("settings").at(-1)!;
    expect(received.headers.authorization).toBe(`Bearer ${bot.accessKey}`);
    expect(received.headers["webhook-signature"]).toMatch(/^v1,/);
  });

  it("tests a saved bot with its saved URL and key, and changes nothing", async () => {
    await registerBot(alice, bot, { handle: "ready" });
    const settingsBefore = bot.received("settings").length;
    const result = await alice.json("POST", "/api/bots/ready/test-connection");
    expect(result).toMatchObject({ ok: true, settings: { introduction_message: "Ready" } });
    expect(bot.received("settings")).toHaveLength(settingsBefore + 1);
    expect(bot.received("settings").at(-1)!.headers.authorization).toBe(`Bearer ${bot.accessKey}`);
  });

  it("answers a failure as a 200 whose error says what to fix", async () => {
    const result = await alice.json("POST", "/api/bots/test-connection", {
      url: "http://169.254.169.254/latest/",
    });
    expect(result).toMatchObject({
      ok: false,
      http_status: null,
      error: { kind: "blocked", message: expect.stringContaining("PARLOR_ALLOWED_BOT_HOSTS") },
    });
  });

  it("refuses what is not a test: another scheme, a built-in bot, someone else's bot, no user", async () => {
    const attempts: [TestClient, string, unknown, number, string?][] = [
      [
        alice,
        "/api/bots/test-connection",
        { url: "ftp://bot.example/" },
        400,
        "must be an http(s) URL",
      ],
      [alice, "/api/bots/test-connection", { url: bot.url, extra: 1 }, 400],
      [alice, "/api/bots/echo/test-connection", undefined, 400, "Built-in bots"],
      [await platform.signUp("bob@example.com"), "/api/bots/ready/test-connection", undefined, 404],
    ];
    for (const [client, path, body, status, message] of attempts) {
      const response = await client.request("POST", path, body);
      expect([path, response.status]).toEqual([path, status]);
      const { error } = (await response.json()) as { error: { message: string } };
      if (message) expect(error.message).toContain(message);
    }
    const anonymous = await fetch(`${platform.url}/api/bots/test-connection`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: bot.url }),
    });
    expect(anonymous.status).toBe(401);
  });
});
