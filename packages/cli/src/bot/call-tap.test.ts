import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TracedEvent } from "@parlor/protocol";
import { defineBot, suggestedReply } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { startCallTap, type CallTap } from "./call-tap.js";

// A key of its own, so the bot keeps it across the restart below.
const KEY = "k".repeat(32);
const greeter = defineBot({
  accessKey: KEY,
  async *onQuery(request) {
    yield `Hello, ${request.query.at(-1)?.content ?? ""}`;
    yield suggestedReply("Again");
  },
});

let bot: BotTestServer;
let target: number | null = null;
let tap: CallTap;
const seen: { requests: string[]; events: TracedEvent[]; ends: { status: number | null }[] } = {
  requests: [],
  events: [],
  ends: [],
};

beforeAll(async () => {
  bot = await createBotTestServer(greeter);
  tap = await startCallTap({
    port: 0,
    target: () => target,
    reconnectMs: 1_000,
    observe: () => ({
      request: (body) => seen.requests.push(body),
      event: (event) => seen.events.push(event),
      end: (outcome) => seen.ends.push(outcome),
    }),
  });
});
afterAll(async () => {
  await tap.close();
  await bot.close();
});

const query = (content: string) =>
  fetch(tap.url, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify({
      version: "1.2",
      type: "query",
      query: [{ role: "user", content }],
      user_id: "u-1",
      conversation_id: "c-1",
      message_id: "m-1",
    }),
  });

describe("the call tap", () => {
  it("answers 503 without showing a call while the bot has not started", async () => {
    const response = await query("early");
    expect(response.status).toBe(503);
    expect(seen.requests).toEqual([]);
  });

  it("passes a call through unchanged and tells each event as it goes", async () => {
    target = Number(new URL(bot.url).port);
    const response = await query("Ada");
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(body).toContain('"text":"Hello, Ada"');
    expect(seen.requests).toHaveLength(1);
    expect(JSON.parse(seen.requests[0]!)).toMatchObject({ query: [{ content: "Ada" }] });
    expect(seen.events.map((event) => event.event)).toEqual(["text", "suggested_reply", "done"]);
    expect(seen.events[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(seen.ends).toMatchObject([{ status: 200 }]);
  });

  it("waits for a restarting bot, then says it is not running", async () => {
    const port = target!;
    await bot.close();
    const pending = query("later");
    // Back within the wait, as after a reload: the call goes through.
    bot = await createBotTestServer(greeter);
    target = Number(new URL(bot.url).port);
    expect((await pending).status).toBe(200);
    target = port; // nothing listens there any more
    const failed = await query("gone");
    expect(failed.status).toBe(502);
    expect(await failed.text()).toMatch(/^the bot is not running: /);
  });
});
