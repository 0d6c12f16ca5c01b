import { afterEach, describe, expect, it } from "vitest";
import { createStore } from "../store/store.js";
import { DRAIN_CUT_TEXT } from "./drain.js";
import {
  clientAt,
  getMessage,
  openStream,
  readReply,
  registerBot,
  sendMessage,
  startConversation,
  visibleText,
  type ApiMessage,
} from "../testing/bots/chat-helpers.js";
import { startPacedBot, type PacedBot } from "../testing/bots/paced-bot.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../testing/test-databases.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

describe.each(TEST_DIALECTS)("restarts and shutdowns on %s", (dialect) => {
  let database: TestDatabase;
  let bot: PacedBot;
  const platforms: TestPlatform[] = [];

  /** Starts a platform over this test's database, which outlives it. */
  async function start(): Promise<TestPlatform> {
    const platform = await startTestPlatform(dialect, { database });
    platforms.push(platform);
    return platform;
  }

  /** Shuts a platform down gracefully (the database stays). */
  async function stop(platform: TestPlatform): Promise<void> {
    platforms.splice(platforms.indexOf(platform), 1);
    await platform.dispose();
  }

  /** Writes a whole reply on the paced bot. */
  function reply(...pieces: string[]) {
    for (const piece of pieces) bot.push(piece);
    bot.finish();
  }

  afterEach(async () => {
    for (const platform of platforms.splice(0)) await platform.dispose();
    await bot.close();
    await database.dispose();
  });

  async function setUp() {
    database = await createTestDatabase(dialect);
    bot = await startPacedBot();
    const platform = await start();
    const user = await platform.signUp("user@example.com");
    await registerBot(user, bot, { handle: "paced" });
    const conversationId = await startConversation(user, "paced");
    return { platform, user, conversationId };
  }

  it("keeps every conversation across a restart, and the session too", async () => {
    const { platform, user, conversationId } = await setUp();
    const first = await sendMessage(user, conversationId, "First question");
    reply("First ", "answer");
    await readReply(user, first.botMessageId);
    const second = await sendMessage(user, conversationId, "Second question");
    reply("Second answer");
    await readReply(user, second.botMessageId);
    const before = await user.json<{ messages: ApiMessage[] }>(
      "GET",
      `/api/conversations/${conversationId}`,
    );
    await stop(platform);

    const restarted = await start();
    const sameUser = clientAt(restarted.url, { cookie: user.cookie });
    const after = await sameUser.json<{ messages: ApiMessage[] }>(
      "GET",
      `/api/conversations/${conversationId}`,
    );
    expect(after.messages).toEqual(before.messages);
    expect(
      after.messages.map((message) => [message.role, message.content, message.status]),
    ).toEqual([
      ["user", "First question", "complete"],
      ["bot", "First answer", "complete"],
      ["user", "Second question", "complete"],
      ["bot", "Second answer", "complete"],
    ]);
    // An old reply, no longer in memory anywhere, is served from the database.
    const replayed = await readReply(sameUser, first.botMessageId);
    expect(visibleText(replayed)).toBe("First answer");
    expect(replayed.at(-1)).toMatchObject({ event: "done", data: { status: "complete" } });

    // The conversation goes on, and the bot gets the history from before the restart.
    const query = bot.nextQuery();
    const third = await sendMessage(sameUser, conversationId, "Third question");
    reply("Third answer");
    expect((await query).query.map((message) => message.content)).toEqual([
      "First question",
      "First answer",
      "Second question",
      "Second answer",
      "Third question",
    ]);
    expect(visibleText(await readReply(sameUser, third.botMessageId))).toBe("Third answer");
  });

  it("closes a reply left streaming by a crash as incomplete, with its checkpoint text", async () => {
    const { platform, user, conversationId } = await setUp();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Tell me everything");
    await query;
    bot.push("Hello ");
    // The platform saves the text of running replies every 2 s.
    await sleep(2100);
    bot.push("world");
    const store = createStore(database.handle.db);
    for (let attempt = 0; attempt < 150; attempt++) {
      if ((await store.messages.findById(botMessageId))?.content === "Hello world") break;
      await sleep(20);
    }
    // The process dies: nothing it does from now on reaches the database or the network.
    platform.platform.store.messages.update = async () => {};
    platform.platform.store.messages.saveCheckpoints = async () => {};
    platform.server.closeAllConnections();
    platform.server.close();
    bot.push(" and more that was never saved");

    const restarted = await start();
    const sameUser = clientAt(restarted.url, { cookie: user.cookie });
    expect(await getMessage(sameUser, botMessageId)).toMatchObject({
      status: "incomplete",
      content: "Hello world",
      error: "The platform restarted while this reply was being written",
    });
    const replayed = await readReply(sameUser, botMessageId);
    expect(visibleText(replayed)).toBe("Hello world");
    expect(replayed.at(-1)).toMatchObject({ event: "done", data: { status: "incomplete" } });
  });

  it("survives a database failure at the end of a reply, and still ends the stream", async () => {
    const { platform, user, conversationId } = await setUp();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Hello");
    await query;
    const watcher = await openStream(user, botMessageId);
    platform.platform.store.messages.update = () => Promise.reject(new Error("disk full"));
    reply("Hello there");
    const events = [await watcher.next(), await watcher.next()];
    expect(events.map((event) => event.event)).toEqual(["text", "done"]);
    expect(events[1]!.data).toMatchObject({ status: "complete", text: "Hello there" });
    // The platform is still up and serving.
    expect((await user.request("GET", "/api/conversations")).status).toBe(200);
  });

  it("stores a reply cut by a shutdown as an error its user may retry, with its text", async () => {
    const { platform, user, conversationId } = await setUp();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Tell me everything");
    await query;
    const watcher = await openStream(user, botMessageId);
    bot.push("Partial answer");
    expect(await watcher.next()).toMatchObject({ event: "text", data: { text: "Partial answer" } });

    const hungUp = bot.hungUp();
    const shutdown = stop(platform);
    // The attached client is told how the reply ended before the server goes away.
    expect(await watcher.next()).toMatchObject({
      event: "done",
      data: { status: "error", text: "Partial answer", allow_retry: true },
    });
    await shutdown;
    await hungUp;

    const stored = await createStore(database.handle.db).messages.findById(botMessageId);
    expect(stored).toMatchObject({
      status: "error",
      content: "Partial answer",
      error_text: DRAIN_CUT_TEXT,
      error_allow_retry: 1,
    });
    const restarted = await start();
    expect(
      await getMessage(clientAt(restarted.url, { cookie: user.cookie }), botMessageId),
    ).toMatchObject({
      status: "error",
      content: "Partial answer",
      allow_retry: true,
    });
  });
});
