import { randomUUID } from "node:crypto";
import type { QueryRequest } from "@parlor/protocol";
import { authorizeCost, defineBot, getFinalResponse } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  clientAt,
  getMessage,
  openStream,
  readReply,
  registerBot,
  sendMessage,
  settledMessage,
  startConversation,
  visibleText,
} from "../testing/bots/chat-helpers.js";
import { startPacedBot, type PacedBot } from "../testing/bots/paced-bot.js";
import { startPlatformProcess, type PlatformProcess } from "../testing/platform-process.js";
import { startRoundRobinProxy, type RoundRobinProxy } from "../testing/round-robin-proxy.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-databases.js";
import {
  startTestPlatform,
  testPlatformEnvironment,
  type TestClient,
  type TestPlatform,
} from "../testing/test-platform.js";
import { ABANDONED_REPLY_ERROR } from "./abandoned-replies.js";

const postgresUrl = process.env.TEST_POSTGRES_URL;
const redisUrl = process.env.TEST_REDIS_URL;
if (!postgresUrl || !redisUrl) {
  console.warn(
    "TEST_POSTGRES_URL and TEST_REDIS_URL are not both set: the multi-instance suite is skipped",
  );
}

/** An SSE response read as the raw text a browser receives, keep-alive comments left out. */
function rawReply(client: TestClient, messageId: string, lastEventId?: string) {
  let text = "";
  const done = (async () => {
    const headers: Record<string, string> = lastEventId ? { "last-event-id": lastEventId } : {};
    const response = await client.request(
      "GET",
      `/api/messages/${messageId}/stream`,
      undefined,
      headers,
    );
    const decoder = new TextDecoder();
    for await (const chunk of response.body! as AsyncIterable<Uint8Array>)
      text += decoder.decode(chunk, { stream: true });
    return blocks(text).join("");
  })();
  return { soFar: () => text, done };
}

/** The events of an SSE text, each with its blank line (the platform ends lines with CRLF). */
const blocks = (text: string) =>
  text.split(/(?<=\r\n\r\n)/).filter((block) => block.trim() !== "" && !block.startsWith(":"));

/** Waits until `condition` holds, for at most `timeoutMs`. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(postgresUrl && redisUrl)("several instances sharing PostgreSQL and Redis", () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let instances: TestPlatform[];
  let proxy: RoundRobinProxy;
  let user: TestClient;
  /** The signed-in user, talking to one instance directly. */
  let at: (instance: { url: string }) => TestClient;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    database = await createTestDatabase("postgres");
    const prefix = `parlor-test:${randomUUID()}`;
    env = { REDIS_URL: redisUrl!, PARLOR_REDIS_PREFIX: prefix };
    instances = [];
    for (let count = 0; count < 3; count++)
      instances.push(await startTestPlatform("postgres", { database, env }));
    proxy = await startRoundRobinProxy(() => instances.map((instance) => instance.url));
    const signedUp = await instances[0]!.signUp("user@example.com");
    user = clientAt(proxy.url, { cookie: signedUp.cookie });
    at = (instance) => clientAt(instance.url, { cookie: signedUp.cookie });
    closers.push(async () => {
      const redis = new Redis(redisUrl!);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });
  });

  afterEach(async () => {
    await proxy.close();
    for (const instance of instances) await instance.dispose();
    for (const close of closers.splice(0).reverse()) await close();
    await database.dispose();
  });

  async function pacedBot(): Promise<{ bot: PacedBot; conversationId: string }> {
    const bot = await startPacedBot();
    closers.push(() => bot.close());
    await registerBot(user, bot, { handle: "paced" });
    return { bot, conversationId: await startConversation(user, "paced") };
  }

  it("serves every request through a balancer without sticky sessions", async () => {
    const { bot, conversationId } = await pacedBot();
    const { botMessageId } = await sendMessage(user, conversationId, "Hello?");
    bot.push("Hi there");
    bot.finish();
    expect(visibleText(await readReply(user, botMessageId))).toBe("Hi there");
    expect((await settledMessage(user, botMessageId)).content).toBe("Hi there");
    expect(new Set(proxy.routed).size).toBe(3);
  });

  it("streams a reply started on A live from B, and resumes it after a cut on C byte for byte", async () => {
    const [a, b, c] = instances as [TestPlatform, TestPlatform, TestPlatform];
    const { bot, conversationId } = await pacedBot();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(at(a), conversationId, "Tell me");
    await query;
    const onA = rawReply(at(a), botMessageId);
    const onB = rawReply(at(b), botMessageId);
    bot.push("Hello ");
    // Live: B has the first piece while the bot is still writing.
    await until(() => onB.soFar().includes('"Hello "'));

    const cut = await openStream(at(b), botMessageId);
    const first = await cut.next();
    await cut.close();
    const onC = rawReply(at(c), botMessageId, first.id);
    bot.push('wörld 🌍 \u2028 "quoted"');
    await until(() => onC.soFar().includes("quoted"));
    bot.push(" and more");
    bot.finish();

    const [full, live, resumed] = await Promise.all([onA.done, onB.done, onC.done]);
    expect(visibleText(await readReply(at(a), botMessageId))).toBe(
      'Hello wörld 🌍 \u2028 "quoted" and more',
    );
    expect(live).toBe(full);
    const fullBlocks = blocks(full);
    const cutAt = fullBlocks.findIndex((block) => block.startsWith(`id: ${first.id}\r\n`));
    expect(cutAt).toBeGreaterThanOrEqual(0);
    expect(resumed).toBe(fullBlocks.slice(cutAt + 1).join(""));
    expect(blocks(resumed).at(-1)).toContain("event: done");
  });

  it("stops a reply running on A from B, and regenerates it from C", async () => {
    const [a, b, c] = instances as [TestPlatform, TestPlatform, TestPlatform];
    const { bot, conversationId } = await pacedBot();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(at(a), conversationId, "Go on");
    await query;
    bot.push("Partial");
    const hungUp = bot.hungUp();
    expect(await at(b).json("POST", `/api/messages/${botMessageId}/stop`)).toEqual({
      stopped: true,
    });
    await hungUp;
    expect(await settledMessage(at(c), botMessageId)).toMatchObject({
      status: "incomplete",
      error: "Stopped",
    });

    const again = bot.nextQuery();
    const { bot_message: retry } = await at(c).json<{ bot_message: { id: string } }>(
      "POST",
      `/api/messages/${botMessageId}/regenerate`,
    );
    await again;
    // It runs on C now; A knows, and will not start it twice.
    const twice = await at(a).request("POST", `/api/messages/${retry.id}/regenerate`);
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("still being written");
    bot.push("Second try");
    bot.finish();
    expect(visibleText(await readReply(at(a), retry.id))).toBe("Second try");
  });

  it("accepts an SDK bot's bot-to-bot call and cost request on other instances, budget shared", async () => {
    const [a, b, c] = instances as [TestPlatform, TestPlatform, TestPlatform];
    const relay = defineBot({
      settings: { server_bot_dependencies: { echo: 1 } },
      async *onQuery(request: QueryRequest) {
        await authorizeCost(request, { amount_usd_milli_cents: 40 }, request.access_key, {
          baseUrl: `${c.url}/bot/`,
        });
        // The same budget of one call, spent on B, then refused on C.
        for (const instance of [b, c]) {
          try {
            yield await getFinalResponse(request, "echo", request.access_key, {
              baseUrl: `${instance.url}/bot/`,
              numTries: 1,
              onError: () => {},
            });
          } catch (error) {
            yield ` refused: ${(error as Error).message}`;
          }
        }
      },
    });
    const server: BotTestServer = await createBotTestServer(relay);
    closers.push(() => server.close());
    await registerBot(user, server, { handle: "relay" });
    const conversationId = await startConversation(user, "relay");
    const { botMessageId } = await sendMessage(at(a), conversationId, "ping");
    const events = await readReply(at(a), botMessageId);
    expect(events.at(-1)?.data).toMatchObject({ status: "complete" });
    const text = visibleText(events);
    expect(text).toMatch(/^ping refused: /);
    expect(text).toContain("Dependency budget spent: 'relay' may call 'echo' 1 time per message");
    const costs = await a.platform.store.costRequests.listForMessage(botMessageId);
    expect(costs.map((row) => row.kind)).toEqual(["authorize"]);
  });

  it("closes the reply of a killed instance as failed with retry, from a survivor, within 15 s", async () => {
    const doomed: PlatformProcess = await startPlatformProcess({
      ...testPlatformEnvironment(database),
      ...env,
    });
    closers.push(() => doomed.kill());
    const { bot, conversationId } = await pacedBot();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(at(doomed), conversationId, "Long one");
    await query;
    bot.push("Half of it");
    const reader = rawReply(at(instances[1]!), botMessageId);
    await until(() => reader.soFar().includes("Half of it"));
    // Live instances' replies are left alone by the sweeps meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await getMessage(user, botMessageId)).status).toBe("streaming");

    const killedAt = Date.now();
    await doomed.kill();
    await until(async () => (await getMessage(user, botMessageId)).status !== "streaming", 15_000);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(await getMessage(user, botMessageId)).toMatchObject({
      status: "error",
      error: ABANDONED_REPLY_ERROR,
      allow_retry: true,
    });
    // The reader attached on a survivor is told too, and ends.
    const last = blocks(await reader.done).at(-1)!;
    expect(last).toContain("event: done");
    expect(last).toContain(ABANDONED_REPLY_ERROR);

    const again = bot.nextQuery();
    const { bot_message: retry } = await user.json<{ bot_message: { id: string } }>(
      "POST",
      `/api/messages/${botMessageId}/regenerate`,
    );
    await again;
    bot.push("Whole of it");
    bot.finish();
    expect(visibleText(await readReply(user, retry.id))).toBe("Whole of it");
  }, 40_000);
});
