import { afterEach, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import { startPacedBot, type PacedBot } from "../testing/bots/paced-bot.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe("GET /metrics", () => {
  let platform: TestPlatform | undefined;
  let bots: (ScriptedBot | PacedBot)[] = [];
  afterEach(async () => {
    await platform?.dispose();
    await Promise.all(bots.map((bot) => bot.close()));
    platform = undefined;
    bots = [];
  });

  /** The value of one series (`name{labels}`) right now; 0 when it has not appeared yet. */
  async function metric(series: string): Promise<number> {
    const text = await (await fetch(`${platform!.url}/metrics`)).text();
    const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  }

  async function botId(client: TestClient, handle: string): Promise<string> {
    return (await client.json<{ bot: { id: string } }>("GET", `/api/bots/${handle}`)).bot.id;
  }

  it("counts HTTP requests by method and status", async () => {
    platform = await startTestPlatform();
    await fetch(`${platform.url}/healthz`);
    await fetch(`${platform.url}/healthz`);
    await fetch(`${platform.url}/api/no-such-route`);
    await fetch(`${platform.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "nobody@example.com", password: "not a password" }),
    });
    // A scrape is counted once it has been answered: not in its own numbers, in the next ones.
    expect(await metric('parlor_http_requests_total{method="GET",status="200"}')).toBe(2);
    expect(await metric('parlor_http_requests_total{method="GET",status="404"}')).toBe(1);
    expect(await metric('parlor_http_requests_total{method="POST",status="401"}')).toBe(1);
    expect(await metric('parlor_http_requests_total{method="GET",status="200"}')).toBe(2 + 3);
  });

  it("shows a reply as an active generation while it is written, and not after", async () => {
    platform = await startTestPlatform();
    const bot = await startPacedBot();
    bots.push(bot);
    const alice = await platform.signUp("alice@example.com");
    await registerBot(alice, bot, { handle: "paced" });
    const conversationId = await startConversation(alice, "paced");
    expect(await metric("parlor_active_generations")).toBe(0);

    const { botMessageId } = await sendMessage(alice, conversationId, "hi");
    await bot.nextQuery();
    bot.push("Hello");
    expect(await metric("parlor_active_generations")).toBe(1);
    bot.finish();
    const events = await readReply(alice, botMessageId);
    expect(events.at(-1)?.data).toMatchObject({ status: "complete" });
    expect(await metric("parlor_active_generations")).toBe(0);
  });

  it("counts bot errors and time to first event for chat, /bot/<name> and /v1 calls alike", async () => {
    platform = await startTestPlatform();
    const broken = await startScriptedBot(misbehavingBots.errors("The bot broke", false));
    const fine = await startScriptedBot(misbehavingBots.replies(["Hello"]));
    bots.push(broken, fine);
    const alice = await platform.signUp("alice@example.com");
    const { key } = await alice.json<{ key: string }>("POST", "/api/keys", { name: "metrics" });
    await registerBot(alice, broken, { handle: "broken" });
    await registerBot(alice, fine, { handle: "fine" });
    const ids = { broken: await botId(alice, "broken"), fine: await botId(alice, "fine") };
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const callPoe = async (handle: string) => {
      const response = await fetch(`${platform!.url}/bot/${handle}`, {
        method: "POST",
        headers,
        body: JSON.stringify(queryBody("hi")),
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const callOpenAi = async (handle: string) => {
      const response = await fetch(`${platform!.url}/v1/chat/completions`, {
        method: "POST",
        headers,
        body: JSON.stringify({ model: handle, messages: [{ role: "user", content: "hi" }] }),
      });
      return response.text();
    };
    const errors = (bot: string) => metric(`parlor_bot_errors_total{bot="${bot}"}`);
    const firstEvents = (bot: string) =>
      metric(`parlor_bot_first_event_seconds_count{bot="${bot}"}`);

    const conversationId = await startConversation(alice, "broken");
    const { botMessageId } = await sendMessage(alice, conversationId, "hi");
    expect((await readReply(alice, botMessageId)).at(-1)?.data).toMatchObject({ status: "error" });
    expect(await errors(ids.broken)).toBe(1);
    expect(await callPoe("broken")).toContain("The bot broke");
    expect(await errors(ids.broken)).toBe(2);
    await callOpenAi("broken");
    expect(await errors(ids.broken)).toBe(3);

    expect(await firstEvents(ids.fine)).toBe(0);
    expect(await callPoe("fine")).toContain("Hello");
    expect(await firstEvents(ids.fine)).toBe(1);
    expect(await callOpenAi("fine")).toContain("Hello");
    expect(await firstEvents(ids.fine)).toBe(2);
    expect(await errors(ids.fine)).toBe(0);
    expect(fine.received("query")).toHaveLength(2);
  });
});
