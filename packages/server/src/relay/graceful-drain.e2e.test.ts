import { afterEach, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  getMessage,
  openStream,
  readToDone,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { startPacedBot, type PacedBot } from "../testing/bots/paced-bot.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../testing/test-databases.js";
import { clientAt, startTestPlatform, type TestPlatform } from "../testing/test-platform.js";
import { DRAIN_CUT_TEXT } from "./drain.js";

describe.each(TEST_DIALECTS)("a graceful drain on %s", (dialect) => {
  let database: TestDatabase;
  let bot: PacedBot;
  let platform: TestPlatform;
  afterEach(async () => {
    await bot.close();
    await database.dispose();
  });

  async function setUp() {
    database = await createTestDatabase(dialect);
    bot = await startPacedBot();
    platform = await startTestPlatform(dialect, { database });
    const user = await platform.signUp("user@example.com");
    await registerBot(user, bot, { handle: "paced" });
    const conversationId = await startConversation(user, "paced");
    const key = (await user.json<{ key: string }>("POST", "/api/keys", { name: "k" })).key;
    return { user, conversationId, key };
  }

  it("fails readiness, refuses new replies, and lets a running one finish within the deadline", async () => {
    const { user, conversationId, key } = await setUp();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Tell me");
    await query;
    const watcher = await openStream(user, botMessageId);
    bot.push("Half ");

    const closing = platform.close({ drainMs: 10_000 });
    const ready = await fetch(`${platform.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ok: false, draining: true });
    // A new reply is refused with words and a wait, through the chat and through /bot/.
    const refused = await user.request("POST", `/api/conversations/${conversationId}/messages`, {
      content: "Another",
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(await refused.text()).toContain("This server is restarting. Send it again in a moment.");
    const viaBotApi = await clientAt(platform.url, { apiKey: key }).request(
      "POST",
      "/bot/paced",
      queryBody("Hi"),
    );
    expect(viaBotApi.status).toBe(503);

    bot.push("and done.");
    bot.finish();
    const events = await readToDone(watcher);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "complete" } });
    await closing;
    const restarted = await startTestPlatform(dialect, { database });
    try {
      const stored = await getMessage(
        clientAt(restarted.url, { cookie: user.cookie }),
        botMessageId,
      );
      expect(stored).toMatchObject({ status: "complete", content: "Half and done." });
    } finally {
      await restarted.dispose();
    }
  });

  it("cuts a reply still running at the deadline as an error its user may retry, keeping its text", async () => {
    const { user, conversationId } = await setUp();
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Tell me everything");
    await query;
    const watcher = await openStream(user, botMessageId);
    bot.push("Partial answer");
    const hungUp = bot.hungUp();
    const startedAt = Date.now();
    const closing = platform.close({ drainMs: 500 });
    const events = await readToDone(watcher);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(450);
    expect(events.at(-1)).toMatchObject({
      event: "done",
      data: { status: "error", error: DRAIN_CUT_TEXT, allow_retry: true, text: "Partial answer" },
    });
    await closing;
    await hungUp;
    const restarted = await startTestPlatform(dialect, { database });
    try {
      const stored = await getMessage(
        clientAt(restarted.url, { cookie: user.cookie }),
        botMessageId,
      );
      expect(stored).toMatchObject({
        status: "error",
        content: "Partial answer",
        error: DRAIN_CUT_TEXT,
        allow_retry: true,
      });
    } finally {
      await restarted.dispose();
    }
  });
});
