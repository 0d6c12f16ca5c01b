import { afterEach, describe, expect, it } from "vitest";
import { chatWith, queryBody } from "../poe-api/testing/api-test-helpers.js";
import { countTokensOfEcho } from "../testing/bots/counting-runner.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import {
  readEvents,
  startTestPlatform,
  type TestClient,
  type TestPlatform,
} from "../testing/test-platform.js";

/** Each echo reply: 1000 tokens in, 500 out of gpt-4o ($2.50 / $10 per million) = $0.0075. */
const REPLY_USAGE = { inputTokens: 1000, outputTokens: 500 };
const REPLY_COST = 0.0075;

/** A row of the admin's usage table: its sums are the API's names for the table's columns. */
type Sums = Record<
  "messages" | "replies" | "input_tokens" | "output_tokens" | "cost_usd" | "unpriced_replies",
  number
>;

describe.each(TEST_DIALECTS)("usage and cost on %s", (dialect) => {
  let test: TestPlatform | undefined;
  afterEach(async () => {
    await test?.dispose();
    test = undefined;
  });
  let now = 0;

  async function start() {
    now = Date.parse("2026-12-06T10:00:00Z");
    test = await startTestPlatform(dialect, { overrides: { clock: () => now } });
    countTokensOfEcho(test, REPLY_USAGE);
    const admin = await test.signUp("admin@example.com");
    const user = await test.signUp("user@example.com");
    const { key } = await user.json<{ key: string }>("POST", "/api/keys", { name: "k" });
    return { test, admin, user, apiKey: key };
  }

  const usageTable = async (admin: TestClient, days = 1) =>
    admin.json<{ users: (Sums & { email: string })[]; bots: (Sums & { handle: string })[] }>(
      "GET",
      `/api/admin/usage?days=${days}`,
    );

  it("stores tokens and cost on the reply and its call, and sums them per user and bot", async () => {
    const { test, admin, user } = await start();
    const reply = await chatWith(user, "echo", "hello");
    expect(reply.status).toBe("complete");
    await chatWith(admin, "echo", "hi");
    const { message } = await user.json<{ message: { usage: unknown } }>(
      "GET",
      `/api/messages/${reply.messageId}`,
    );
    expect(message.usage).toEqual({ input_tokens: 1000, output_tokens: 500, cost_usd: REPLY_COST });
    const { messages } = await user.json<{ messages: { role: string; usage: unknown }[] }>(
      "GET",
      `/api/conversations/${reply.conversationId}`,
    );
    expect(messages.find((m) => m.role === "user")?.usage).toBeNull();
    // A client attaching after the end reads it in `done` too.
    const events = await readEvents(
      await user.request("GET", `/api/messages/${reply.messageId}/stream`),
    );
    expect(events.at(-1)?.data.usage).toEqual(message.usage);

    const { callLog, store } = test.platform;
    await callLog.flush();
    const echo = await store.bots.findByHandle("echo");
    const calls = await store.botCalls.listForBot(echo!.id);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ input_tokens: 1000, output_tokens: 500 });
    expect(calls[0]!.cost_usd).toBeCloseTo(REPLY_COST);

    const table = await usageTable(admin);
    expect(table.users.map((row) => [row.email, row.messages, row.input_tokens])).toEqual(
      expect.arrayContaining([
        ["user@example.com", 1, 1000],
        ["admin@example.com", 1, 1000],
      ]),
    );
    expect(table.bots).toHaveLength(1);
    expect(table.bots[0]).toMatchObject({ handle: "echo", messages: 2, output_tokens: 1000 });
    expect(table.bots[0]!.cost_usd).toBeCloseTo(2 * REPLY_COST);

    // A week ago is in the 30-day sums, not in today's.
    now -= 7 * 86_400_000;
    await chatWith(user, "echo", "last week");
    await callLog.flush();
    now += 7 * 86_400_000;
    const today = await usageTable(admin, 1);
    const month = await usageTable(admin, 30);
    expect(today.bots[0]!.messages).toBe(2);
    expect(month.bots[0]!.messages).toBe(3);
  });

  it("counts a model of unknown price apart, with no cost, and prices it once the admin does", async () => {
    const { test, admin, user } = await start();
    countTokensOfEcho(test, { ...REPLY_USAGE, provider: "ollama", model: "llama3.1:8b" });
    const first = await chatWith(user, "echo", "hello");
    const { message } = await user.json<{ message: { usage: unknown } }>(
      "GET",
      `/api/messages/${first.messageId}`,
    );
    expect(message.usage).toEqual({ input_tokens: 1000, output_tokens: 500, cost_usd: null });
    await admin.json("PUT", "/api/admin/prices", {
      overrides: [
        { provider: "ollama", model: "llama3.1:8b", input_per_million: 1, output_per_million: 2 },
      ],
    });
    await chatWith(user, "echo", "again");
    await test.platform.callLog.flush();
    const table = await usageTable(admin);
    expect(table.users[0]).toMatchObject({ replies: 2, unpriced_replies: 1 });
    expect(table.users[0]!.cost_usd).toBeCloseTo(0.002);
  });

  it("refuses a message past the daily message cap, stores nothing, and takes it the next UTC day", async () => {
    const { admin, user } = await start();
    await admin.json("PUT", "/api/admin/daily-limits", {
      default: { messages_per_day: 2, cost_usd_per_day: null },
      users: [],
    });
    const first = await chatWith(user, "echo", "one");
    await chatWith(user, "echo", "two");
    const conversation = first.conversationId;
    const refused = await user.request("POST", `/api/conversations/${conversation}/messages`, {
      content: "three",
    });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("daily_limit_reached");
    expect(body.error.message).toBe(
      "You have reached your daily limit of 2 messages a day (you have sent 2 today). It resets at midnight UTC (2026-12-07T00:00:00.000Z).",
    );
    expect(Number(refused.headers.get("retry-after"))).toBe(14 * 3600);
    const { messages } = await user.json<{ messages: unknown[] }>(
      "GET",
      `/api/conversations/${conversation}`,
    );
    expect(messages).toHaveLength(2);
    // The admin has no cap of their own here either, but has sent nothing: they may.
    expect((await chatWith(admin, "echo", "fine")).status).toBe("complete");

    now = Date.parse("2026-12-07T00:00:01Z");
    expect((await chatWith(user, "echo", "a new day")).status).toBe("complete");
  });

  it("refuses past a user's own cost cap, and on /v1 and /bot/<name> with their API key", async () => {
    const { test, admin, user, apiKey } = await start();
    await admin.json("PUT", "/api/admin/daily-limits", {
      default: { messages_per_day: null, cost_usd_per_day: null },
      users: [{ email: "User@Example.com", messages_per_day: null, cost_usd_per_day: 0.01 }],
    });
    const limits = await admin.json<{ users: { email: string }[] }>(
      "GET",
      "/api/admin/daily-limits",
    );
    expect(limits.users).toEqual([
      {
        user_id: expect.any(String),
        email: "user@example.com",
        messages_per_day: null,
        cost_usd_per_day: 0.01,
      },
    ]);
    await chatWith(user, "echo", "one"); // $0.0075: under the cap
    // Through /bot/echo with the user's key: still under the cap when it starts.
    const viaBot = await fetch(`${test.url}/bot/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(queryBody("two")),
    });
    expect(viaBot.status).toBe(200);
    await readEvents(viaBot);

    const refusedChat = await user.request("POST", "/api/conversations", { bot: "echo" });
    const { conversation } = (await refusedChat.json()) as { conversation: { id: string } };
    const chat = await user.request("POST", `/api/conversations/${conversation.id}/messages`, {
      content: "three",
    });
    expect(chat.status).toBe(429);
    expect(((await chat.json()) as { error: { message: string } }).error.message).toBe(
      "You have reached your daily limit of $0.01 of usage a day (you have used $0.015 today). It resets at midnight UTC (2026-12-07T00:00:00.000Z).",
    );

    const bot = await fetch(`${test.url}/bot/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(queryBody("four")),
    });
    expect(bot.status).toBe(429);
    expect(((await bot.json()) as { error: { code: string } }).error.code).toBe(
      "daily_limit_reached",
    );

    const v1 = await fetch(`${test.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "five" }] }),
    });
    expect(v1.status).toBe(429);
    const v1Error = ((await v1.json()) as { error: Record<string, unknown> }).error;
    expect(v1Error).toMatchObject({ type: "insufficient_quota", code: "insufficient_quota" });
    expect(v1Error.message).toContain("$0.01 of usage a day");

    // The admin, with no cap of their own, goes on.
    expect((await chatWith(admin, "echo", "fine")).status).toBe("complete");
  });

  it("refuses bad limits and prices with the field named", async () => {
    const { admin } = await start();
    const unknown = await admin.request("PUT", "/api/admin/daily-limits", {
      default: { messages_per_day: null, cost_usd_per_day: null },
      users: [{ email: "nobody@example.com", messages_per_day: 1, cost_usd_per_day: null }],
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "No account has the email nobody@example.com",
        field: "users.0.email",
      },
    });
    const negative = await admin.request("PUT", "/api/admin/prices", {
      overrides: [{ provider: "ollama", model: "x", input_per_million: -1, output_per_million: 0 }],
    });
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as { error: { field: string } }).error.field).toBe(
      "overrides.0.input_per_million",
    );
    const period = await admin.request("GET", "/api/admin/usage?days=2");
    expect(period.status).toBe(400);
  });
});
