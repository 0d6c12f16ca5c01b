import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryGenerationLog } from "./generation-log.js";
import {
  getMessage,
  readReply,
  registerBot,
  sendMessage,
  sendToScriptedBot,
  settledMessage,
  startConversation,
  visibleText,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import {
  startScriptedBot,
  type QueryScript,
  type ScriptedBot,
} from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** Small timers and caps, so every rule can be broken within a second or two. */
const LIMITS = {
  firstEventTimeoutMs: 300,
  jsonReplyTimeoutMs: 1200,
  totalTimeoutMs: 1500,
  maxCharacters: 40,
  maxEvents: 25,
};

describe.each(TEST_DIALECTS)("a user chatting with a misbehaving bot on %s", (dialect) => {
  let platform: TestPlatform;
  let user: TestClient;
  const bots: ScriptedBot[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(dialect, { overrides: { limits: LIMITS } });
    user = await platform.signUp("user@example.com");
  });
  afterAll(async () => {
    await platform.dispose();
    await Promise.all(bots.map((bot) => bot.close()));
  });

  /** Registers a bot running `script`, sends it one message and reads the reply to its end. */
  async function converse(script: QueryScript) {
    const handle = `misbehaving-${bots.length + 1}`;
    const { bot, botMessageId } = await sendToScriptedBot(user, script, handle);
    bots.push(bot);
    const events = await readReply(user, botMessageId);
    const message = await getMessage(user, botMessageId);
    return {
      bot,
      handle,
      botMessageId,
      message,
      /** What the attached client showed. */
      seen: visibleText(events),
      done: events.at(-1)!,
    };
  }

  it("keeps a well-behaved reply complete (control)", async () => {
    const { message, seen, done } = await converse(misbehavingBots.replies(["Once ", "upon"]));
    expect(message).toMatchObject({
      status: "complete",
      content: "Once upon",
      error: null,
      allow_retry: null,
    });
    expect(seen).toBe("Once upon");
    expect(done).toMatchObject({ event: "done", data: { status: "complete", allow_retry: null } });
  });

  it("fails a bot that opens its stream but sends no event within the first-event limit", async () => {
    const { bot, message, seen, done } = await converse(misbehavingBots.hangsBeforeFirstEvent());
    expect(message).toMatchObject({
      status: "error",
      content: "",
      error: "The bot did not start its reply within 300 ms",
      allow_retry: true,
    });
    expect(seen).toBe("");
    expect(done.data).toMatchObject({ status: "error", error: message.error, allow_retry: true });
    // Nothing reached the user, so the one retry was spent.
    expect(bot.received("query")).toHaveLength(2);
  });

  it("fails a bot that never answers at all once the JSON reply time is up", async () => {
    const { message, done } = await converse(misbehavingBots.neverAnswers());
    expect(message).toMatchObject({
      status: "error",
      content: "",
      error: "The bot did not answer within 1.2 seconds",
      allow_retry: true,
    });
    expect(done.data).toMatchObject({ status: "error", allow_retry: true });
  });

  it("keeps the text of a bot that stalls mid-stream past the total limit, as incomplete", async () => {
    const { message, seen } = await converse(misbehavingBots.stallsAfter(["Once upon ", "a time"]));
    expect(message).toMatchObject({ status: "incomplete", content: "Once upon a time" });
    expect(message.error).toBe("The reply was cut off: the bot took longer than 1.5 seconds");
    expect(seen).toBe(message.content);
  });

  it("keeps the text of a bot that crashes mid-stream, as incomplete", async () => {
    const { bot, message, seen, done } = await converse(
      misbehavingBots.crashesAfter(["Once upon ", "a time"]),
    );
    expect(message).toMatchObject({
      status: "incomplete",
      content: "Once upon a time",
      allow_retry: null,
    });
    expect(message.error).toMatch(/connection was lost/);
    expect(seen).toBe("Once upon a time");
    expect(done.data).toMatchObject({
      status: "incomplete",
      text: "Once upon a time",
      allow_retry: null,
    });
    // Text had been shown: no retry, which would have shown the story twice.
    expect(bot.received("query")).toHaveLength(1);
  });

  it("stops reading a bot that sends an event larger than 1 MiB, keeping the text before it", async () => {
    const { message, seen, done } = await converse(
      misbehavingBots.sendsEndlessLine(["Once ", "upon"], 8),
    );
    const error = "The bot sent an event larger than 1 MiB, so the platform stopped reading it";
    expect(message).toMatchObject({ status: "incomplete", content: "Once upon", error });
    expect(seen).toBe("Once upon");
    expect(done.data).toMatchObject({ status: "incomplete", error });
  });

  it("fails a reply whose first event is larger than 1 MiB, as an error: it has no text", async () => {
    const { message, done } = await converse(misbehavingBots.sendsEndlessLine([], 8));
    expect(message).toMatchObject({
      status: "error",
      content: "",
      error: "The bot sent an event larger than 1 MiB, so the platform stopped reading it",
    });
    expect(done.data).toMatchObject({ status: "error" });
  });

  it("fails on malformed JSON in a text event and tells the bot", async () => {
    const { bot, botMessageId, message, seen } = await converse(
      misbehavingBots.malformedJsonAfter(["Once "]),
    );
    expect(message).toMatchObject({
      status: "error",
      content: "Once ",
      error: "The bot sent a malformed reply: Invalid JSON in 'text' event",
    });
    expect(seen).toBe("Once ");
    const report = await bot.waitFor("report_error");
    expect(report.body).toMatchObject({
      version: "1.2",
      message: "Invalid JSON in 'text' event",
      metadata: { message_id: botMessageId },
    });
    expect(bot.received("query")).toHaveLength(1);
  });

  it("ignores unknown events, reports them, and completes the reply", async () => {
    const { bot, message, seen } = await converse(
      misbehavingBots.sendsUnknownEvents(["Once ", "upon"]),
    );
    expect(message).toMatchObject({ status: "complete", content: "Once upon", error: null });
    expect(seen).toBe("Once upon");
    await bot.waitFor(
      "report_error",
      (report) => report.body.message === "Unknown event type: sparkle",
    );
    await bot.waitFor(
      "report_error",
      (report) => report.body.message === "Unknown event type: telemetry",
    );
  });

  it("completes a reply at done and shows nothing a bot sends after it", async () => {
    const { message, seen, done } = await converse(
      misbehavingBots.talksAfterDone(["All ", "done."], [" And one more thing"]),
    );
    expect(seen).toBe("All done.");
    expect(message).toMatchObject({ status: "complete", content: "All done." });
    expect(done).toMatchObject({ event: "done", data: { status: "complete" } });
  });

  it("keeps the text of a stream that ends without done, as incomplete, and tells the bot", async () => {
    const { bot, message, seen } = await converse(
      misbehavingBots.endsWithoutDone(["Once ", "upon"]),
    );
    expect(message).toMatchObject({ status: "incomplete", content: "Once upon" });
    expect(message.error).toBe("The bot stopped before finishing its reply");
    expect(seen).toBe("Once upon");
    await bot.waitFor(
      "report_error",
      (report) => report.body.message === "Bot exited without sending 'done' event",
    );
  });

  it("cuts a reply with too much text at the character limit, as incomplete", async () => {
    const piece = "abcdefghijklm"; // 13 characters: the fourth piece crosses the limit of 40
    const { bot, message, seen } = await converse(misbehavingBots.sendsEvents(piece, 6));
    expect(message.status).toBe("incomplete");
    expect(message.error).toMatch(/cut off/);
    expect(message.content).toBe(piece.repeat(6).slice(0, LIMITS.maxCharacters));
    expect(seen).toBe(message.content);
    expect(bot.received("query")).toHaveLength(1);
  });

  it("cuts a reply with too many events at the event limit, as incomplete", async () => {
    const { message, seen } = await converse(misbehavingBots.sendsEvents("x", 40));
    expect(message.status).toBe("incomplete");
    expect(message.error).toMatch(/cut off: bot sent more than 25 events/);
    expect(message.content).toBe("x".repeat(LIMITS.maxEvents));
    expect(seen).toBe(message.content);
  });

  it("retries an HTTP 500 exactly once, then shows an error", async () => {
    const { bot, handle, message } = await converse(misbehavingBots.failsWithStatus(500));
    expect(message.status).toBe("error");
    expect(message.error).toMatch(/^The bot answered HTTP 500/);
    expect(bot.received("query")).toHaveLength(2);
    // The retry is the same reply, not a second message.
    const [first, second] = bot.received("query");
    expect(second!.body.message_id).toBe(first!.body.message_id);
    const { calls } = await user.json<{ calls: { http_status: number; status: string }[] }>(
      "GET",
      `/api/bots/${handle}/calls`,
    );
    expect(calls.map((call) => [call.http_status, call.status])).toEqual([
      [500, "error"],
      [500, "error"],
    ]);
  });

  it("does not retry a reply the user stopped while the platform was about to retry", async () => {
    // The first attempt fails (worth a retry); a second one would hang.
    const failOnce = misbehavingBots.failsWithStatus(503);
    const bot = await startScriptedBot((exchange) =>
      bot.received("query").length === 1 ? failOnce(exchange) : exchange.open(),
    );
    bots.push(bot);
    await registerBot(user, bot, { handle: "retried-then-stopped" });
    const conversationId = await startConversation(user, "retried-then-stopped");
    const { botMessageId } = await sendMessage(user, conversationId, "Hello");
    await bot.waitFor("query");
    await user.json("POST", `/api/messages/${botMessageId}/stop`);
    const events = await readReply(user, botMessageId);
    expect(events.at(-1)!.data).toMatchObject({ status: "incomplete", error: "Stopped" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(bot.received("query")).toHaveLength(1);
  });

  it("does not retry a bot error that forbids it, and shows the bot's text", async () => {
    const { bot, message, done } = await converse(misbehavingBots.errors("Quota exhausted", false));
    expect(message).toMatchObject({
      status: "error",
      error: "Quota exhausted",
      content: "",
      allow_retry: false,
    });
    expect(done.data).toMatchObject({ status: "error", allow_retry: false });
    expect(bot.received("query")).toHaveLength(1);
  });

  it("retries a retryable bot error once when nothing was shown yet", async () => {
    const { bot, message, done } = await converse(misbehavingBots.errors("Upstream busy", true));
    expect(message).toMatchObject({ status: "error", error: "Upstream busy", allow_retry: true });
    expect(done.data).toMatchObject({ allow_retry: true });
    expect(bot.received("query")).toHaveLength(2);
  });

  it("does not retry a bot error after text was shown, and keeps that text", async () => {
    const { bot, message, seen } = await converse(
      misbehavingBots.errors("Upstream busy", true, ["Once "]),
    );
    expect(message).toMatchObject({ status: "error", error: "Upstream busy", content: "Once " });
    expect(seen).toBe("Once ");
    expect(bot.received("query")).toHaveLength(1);
  });

  it("completes a JSON reply with its suggested replies", async () => {
    const { message, seen, done } = await converse(
      misbehavingBots.repliesWithJson({ text: "Hi there", suggested_replies: ["More", "Less"] }),
    );
    expect(message).toMatchObject({
      status: "complete",
      content: "Hi there",
      suggested_replies: ["More", "Less"],
    });
    expect(seen).toBe("Hi there");
    expect(done.data).toMatchObject({ status: "complete" });
  });

  it("waits for a JSON reply longer than the first-event limit (up to the JSON reply limit)", async () => {
    const { bot, message } = await converse(
      misbehavingBots.repliesWithJson({ text: "Thought about it" }, 700),
    );
    expect(message).toMatchObject({ status: "complete", content: "Thought about it" });
    expect(bot.received("query")).toHaveLength(1);
  });

  it("fails an invalid JSON reply with a message that says what is wrong", async () => {
    const { message } = await converse(misbehavingBots.repliesWithJson({ answer: "Hi" }));
    expect(message).toMatchObject({ status: "error", allow_retry: false });
    expect(message.error).toBe(
      `The bot's JSON reply is invalid (reply: needs "text" (or "error"))`,
    );
  });

  it("fails a reply with the wrong content type, saying which type came back", async () => {
    const { bot, message } = await converse(misbehavingBots.answersWithHtml());
    expect(message.status).toBe("error");
    expect(message.error).toBe(
      'The bot answered with content type "text/html; charset=utf-8"; expected text/event-stream or application/json',
    );
    expect(bot.received("query")).toHaveLength(1);
  });
});

describe.each(TEST_DIALECTS)("a failed reply read back after it ended, on %s", (dialect) => {
  let platform: TestPlatform;
  const bots: ScriptedBot[] = [];

  beforeAll(async () => {
    // Nothing kept in memory once a reply ends: every later read is the stored snapshot.
    const generationLog = createMemoryGenerationLog({ retentionMs: 0 });
    platform = await startTestPlatform(dialect, { overrides: { generationLog } });
  });
  afterAll(async () => {
    await platform.dispose();
    await Promise.all(bots.map((bot) => bot.close()));
  });

  it("says in its done event whether retrying makes sense, as the live stream did", async () => {
    const user = await platform.signUp("user@example.com");
    const cases: [string, QueryScript, boolean | null][] = [
      ["forbids-retry", misbehavingBots.errors("Quota exhausted", false), false],
      ["allows-retry", misbehavingBots.errors("Upstream busy", true), true],
      ["unreachable", misbehavingBots.failsWithStatus(500), true],
      ["fine", misbehavingBots.replies(["Hi"]), null],
    ];
    for (const [handle, script, allowRetry] of cases) {
      const { bot, botMessageId } = await sendToScriptedBot(user, script, handle);
      bots.push(bot);
      await settledMessage(user, botMessageId);
      await new Promise((resolve) => setTimeout(resolve, 10));
      const done = (await readReply(user, botMessageId)).at(-1);
      expect([handle, done?.data.allow_retry]).toEqual([handle, allowRetry]);
    }
  });
});
