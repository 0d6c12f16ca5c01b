import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  clientAt,
  startTestPlatform,
  type TestClient,
  type TestPlatform,
} from "../testing/test-platform.js";

describe("rate limits per user and per bot", () => {
  let platform: TestPlatform | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await platform?.dispose();
    platform = server = undefined;
  });

  /** A new user's API key. */
  const apiKeyOf = async (user: TestClient) =>
    (await user.json<{ key: string }>("POST", "/api/keys", { name: "script" })).key;

  /** `POST /bot/<handle>` with a raw Authorization header, read to the end. */
  const queryBot = async (handle: string, authorization: string) => {
    const response = await fetch(`${platform!.url}/bot/${handle}`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify(queryBody("hi")),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      body: await response.text(),
    };
  };

  /** Sends "hi" in a new conversation with `handle`. */
  const sendTo = async (user: TestClient, handle: string) => {
    const { conversation } = await user.json<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: handle },
    );
    const response = await user.request("POST", `/api/conversations/${conversation.id}/messages`, {
      content: "hi",
    });
    return { conversationId: conversation.id, response };
  };

  it("counts a user's messages together, whatever session, cookie or key sends them", async () => {
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "3" },
    });
    const alice = await platform.signUp("alice@example.com");
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "alice@example.com", password: "correct horse battery" }),
    });
    const secondSession = clientAt(platform.url, {
      cookie: login.headers.get("set-cookie")!.split(";")[0]!,
    });
    const withJunkCookie = clientAt(platform.url, { cookie: `${alice.cookie}; junk=1` });
    const withKey = clientAt(platform.url, { apiKey: await apiKeyOf(alice) });

    expect((await sendTo(alice, "echo")).response.status).toBe(202);
    expect((await sendTo(withJunkCookie, "echo")).response.status).toBe(202);
    expect((await sendTo(secondSession, "echo")).response.status).toBe(202);
    const refused = (await sendTo(withKey, "echo")).response;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      error: {
        code: "rate_limited",
        message: "Too many messages: you may send at most 3 a minute",
      },
    });
  });

  it("counts a user's bot queries together, whatever key or spelling of Authorization", async () => {
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "2" },
    });
    const alice = await platform.signUp("alice@example.com");
    const [firstKey, secondKey] = [await apiKeyOf(alice), await apiKeyOf(alice)];

    expect((await queryBot("echo", `Bearer ${firstKey}`)).status).toBe(200);
    expect((await queryBot("echo", `bearer   ${firstKey}`)).status).toBe(200);
    const refused = await queryBot("echo", `Bearer ${secondKey}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "rate_limited" } });
  });

  it.each(["echo", "costco"])(
    "limits queries to bot '%s' from all users together, whatever the handle's case",
    async (handle) => {
      // One query a minute per user, so ten users fill the bot's bucket (ten users' worth).
      platform = await startTestPlatform("sqlite", {
        env: { PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "1" },
      });
      if (handle !== "echo") {
        server = await createBotTestServer(
          defineBot({
            async *onQuery() {
              yield "pong";
            },
          }),
        );
        const owner = await platform.signUp("owner@example.com");
        await owner.json("POST", "/api/bots", {
          handle,
          server_url: server.url,
          access_key: server.accessKey,
        });
      }
      const keys: string[] = [];
      for (let i = 0; i < 11; i++)
        keys.push(await apiKeyOf(await platform.signUp(`caller${i}@example.com`)));
      for (const [i, key] of keys.slice(0, 10).entries()) {
        const spelled = i % 2 === 0 ? handle : handle.toUpperCase();
        expect((await queryBot(spelled, `Bearer ${key}`)).status).toBe(200);
      }
      const refused = await queryBot(handle, `Bearer ${keys[10]!}`);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(refused.body)).toMatchObject({
        error: {
          code: "rate_limited",
          message: "This bot is getting too many bot queries: at most 10 a minute from all users",
        },
      });
    },
  );

  it("limits messages to one bot from all users together, storing nothing past it", async () => {
    // One message a minute per user, so ten users fill the bot's bucket (ten users' worth).
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "1" },
    });
    const users: TestClient[] = [];
    for (let i = 0; i < 11; i++) users.push(await platform.signUp(`user${i}@example.com`));
    for (const user of users.slice(0, 10))
      expect((await sendTo(user, "echo")).response.status).toBe(202);
    const last = users[10]!;
    const { conversationId, response } = await sendTo(last, "echo");
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({
      error: {
        code: "rate_limited",
        message: "This bot is getting too many messages: at most 10 a minute from all users",
      },
    });
    const history = await last.json<{ messages: unknown[] }>(
      "GET",
      `/api/conversations/${conversationId}`,
    );
    expect(history.messages).toEqual([]);
  });
});
