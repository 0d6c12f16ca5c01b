import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { defineBot, type Bot } from "../bot/define-bot.js";
import { createFetchHandler } from "./create-fetch-handler.js";
import { serve, type RunningServer } from "./serve.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);
const QUERY = readFileSync(new URL("query.request.json", fixtures), "utf8");
const KEY = "a".repeat(32);

/** A bot that thinks before its first event until `release` is called. */
function thinkingBot(): { bot: Bot; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const bot = defineBot({
    async *onQuery() {
      await released;
      yield "Thought about it.";
    },
    accessKey: KEY,
  });
  return { bot, release };
}

/** Whichever settles first: `promise`, or "still waiting" after `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<"still waiting">((r) => setTimeout(r, ms, "still waiting"))]);

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("a bot that has not sent its first event yet", () => {
  it("gets its SSE headers sent at once by serve, so a platform times its first event", async () => {
    const { bot, release } = thinkingBot();
    const running = await serve(bot, { port: 0, host: "127.0.0.1", env: {} });
    servers.push(running);
    const answered = fetch(running.url, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: QUERY,
    });
    // fetch resolves on the response head; the bot is still thinking.
    const response = await within(answered, 2000);
    release();
    if (response === "still waiting") throw new Error("No headers while the bot was thinking");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await response.text()).toContain('{"text":"Thought about it."}');
  });

  it("gets a streaming Response at once from the fetch handler", async () => {
    const { bot, release } = thinkingBot();
    const request = new Request("http://bot.test/", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: QUERY,
    });
    const response = await within(createFetchHandler(bot)(request), 2000);
    release();
    if (response === "still waiting") throw new Error("No Response while the bot was thinking");
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await response.text()).toContain('{"text":"Thought about it."}');
  });
});
