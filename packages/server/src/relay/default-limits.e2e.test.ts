import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  getMessage,
  readReply,
  sendToScriptedBot,
  visibleText,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import { type QueryScript, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** The platform as it starts with nothing overridden: the limits in force are its defaults. */
describe("the reply limits a platform enforces by default", () => {
  let platform: TestPlatform;
  let user: TestClient;
  const bots: ScriptedBot[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform();
    user = await platform.signUp("user@example.com");
  });
  afterAll(async () => {
    await platform.dispose();
    await Promise.all(bots.map((bot) => bot.close()));
  });

  /** Registers a bot running `script` and sends it one message. */
  async function ask(script: QueryScript) {
    const handle = `bot-${bots.length + 1}`;
    const { bot, botMessageId } = await sendToScriptedBot(user, script, handle);
    bots.push(bot);
    return { bot, handle, botMessageId };
  }

  /** The attempts the bot's call log shows, and how long each lasted. */
  async function callDurations(handle: string): Promise<number[]> {
    const { calls } = await user.json<{ calls: { duration_ms: number }[] }>(
      "GET",
      `/api/bots/${handle}/calls`,
    );
    return calls.map((call) => call.duration_ms).sort((a, b) => a - b);
  }

  /**
   * Runs `script` on a clock the test moves by `stepMs` (the platform's timers and Date.now),
   * until the reply has ended; the bot's own I/O stays real.
   */
  async function askOnFakeClock(script: QueryScript, stepMs: number) {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const asked = await ask(script);
      await asked.bot.waitFor("query");
      for (let elapsed = 0; elapsed < 120_000; elapsed += stepMs) {
        if ((await getMessage(user, asked.botMessageId)).status !== "streaming") break;
        await vi.advanceTimersByTimeAsync(stepMs);
      }
      return { ...asked, message: await getMessage(user, asked.botMessageId) };
    } finally {
      vi.useRealTimers();
    }
  }

  it("gives a stream 5 seconds to its first event, and retries once", async () => {
    const { bot, handle, message } = await askOnFakeClock(
      misbehavingBots.hangsBeforeFirstEvent(),
      250,
    );
    expect(message).toMatchObject({
      status: "error",
      error: "The bot did not start its reply within 5 seconds",
    });
    expect(bot.received("query")).toHaveLength(2);
    expect(await callDurations(handle)).toEqual([5_000, 5_000]);
  });

  it("gives a bot 30 seconds to answer at all", async () => {
    const { handle, message } = await askOnFakeClock(misbehavingBots.neverAnswers(), 1_000);
    expect(message).toMatchObject({
      status: "error",
      error: "The bot did not answer within 30 seconds",
    });
    expect(await callDurations(handle)).toEqual([30_000]);
  });

  it("cuts a reply at 100,000 characters", async () => {
    const { botMessageId } = await ask(misbehavingBots.sendsEvents("x".repeat(1_000), 101));
    const seen = visibleText(await readReply(user, botMessageId));
    const message = await getMessage(user, botMessageId);
    expect(message.status).toBe("incomplete");
    expect(message.error).toBe("The reply was cut off: bot sent more than 100000 characters");
    expect(message.content).toHaveLength(100_000);
    expect(seen).toBe(message.content);
  });

  it("cuts a reply at 10,000 events", async () => {
    const { botMessageId } = await ask(misbehavingBots.sendsEvents("x", 10_001));
    await readReply(user, botMessageId);
    const message = await getMessage(user, botMessageId);
    expect(message.status).toBe("incomplete");
    expect(message.error).toBe("The reply was cut off: bot sent more than 10000 events");
    expect(message.content).toHaveLength(10_000);
  });
});
