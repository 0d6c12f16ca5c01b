import { queryRequestSchema, type SseMessage } from "@parlor/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BotReplyStream, BotRunner, ReplySink } from "./bot-runner.js";
import { dispatchReply, type DispatchOptions, type DispatchOutcome } from "./dispatch-reply.js";

const request = queryRequestSchema.parse({
  version: "1.2",
  type: "query",
  query: [{ role: "user", content: "Tell me a story" }],
  user_id: "u-1",
  conversation_id: "c-1",
  message_id: "m-1",
});

const text = (value: string): SseMessage => ({
  event: "text",
  data: JSON.stringify({ text: value }),
});

/** A bot that answers every query by pushing `messages` (and ending, unless told to stall). */
function botAnswering(format: "sse" | "json", messages: SseMessage[], options = { ends: true }) {
  let queries = 0;
  const runner: BotRunner = {
    query() {
      queries++;
      const stream: BotReplyStream = {
        status: 200,
        format,
        read(sink: ReplySink) {
          for (const message of messages) sink.message(message);
          if (options.ends) sink.end();
          return () => {};
        },
      };
      return Promise.resolve(stream);
    },
    settings: () => Promise.resolve({}),
    report: () => Promise.resolve(),
  };
  return { runner, queries: () => queries };
}

/** A bot that accepts the connection and never sends a response head. */
const silentBot: BotRunner = {
  query: (_request, signal) =>
    new Promise((_resolve, reject) =>
      signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }),
    ),
  settings: () => Promise.resolve({}),
  report: () => Promise.resolve(),
};

/** Starts a reply and reports whether it has ended yet, without awaiting it. */
function start(runner: BotRunner, limits: Partial<DispatchOptions> = {}) {
  let outcome: DispatchOutcome | undefined;
  void dispatchReply(runner, request, {
    signal: new AbortController().signal,
    onEvent: () => {},
    ...limits,
  }).then((ended) => (outcome = ended));
  return { outcome: () => outcome };
}

describe("dispatchReply with the protocol's default limits", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("gives a stream 5 seconds to its first event, then retries once", async () => {
    const bot = botAnswering("sse", [], { ends: false });
    const reply = start(bot.runner);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(bot.queries()).toBe(1);
    await vi.advanceTimersByTimeAsync(1 + 250); // the deadline, then the pause before the retry
    expect(bot.queries()).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reply.outcome()).toMatchObject({
      status: "error",
      errorText: "The bot did not start its reply within 5 seconds",
    });
    expect(reply.outcome()!.calls.map((call) => call.durationMs)).toEqual([5_000, 5_000]);
  });

  it("gives a bot 30 seconds to answer at all, with no retry", async () => {
    const reply = start(silentBot);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(reply.outcome()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(reply.outcome()).toMatchObject({
      status: "error",
      errorText: "The bot did not answer within 30 seconds",
    });
    expect(reply.outcome()!.calls.map((call) => call.durationMs)).toEqual([30_000]);
  });

  it("cuts a reply off after 10 minutes, keeping its text", async () => {
    const reply = start(botAnswering("sse", [text("Once upon")], { ends: false }).runner);
    await vi.advanceTimersByTimeAsync(599_999);
    expect(reply.outcome()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(reply.outcome()).toMatchObject({
      status: "incomplete",
      errorText: "The reply was cut off: the bot took longer than 10 minutes",
      reply: { text: "Once upon" },
    });
  });

  it("cuts a reply at 100,000 characters", async () => {
    const piece = "x".repeat(30_000);
    const reply = start(
      botAnswering(
        "sse",
        Array.from({ length: 4 }, () => text(piece)),
      ).runner,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(reply.outcome()!.status).toBe("incomplete");
    expect(reply.outcome()!.reply.text).toHaveLength(100_000);
  });

  it("cuts a reply at 10,000 events", async () => {
    const reply = start(
      botAnswering(
        "sse",
        Array.from({ length: 10_001 }, () => text("x")),
      ).runner,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(reply.outcome()).toMatchObject({
      status: "incomplete",
      errorText: "The reply was cut off: bot sent more than 10000 events",
    });
    expect(reply.outcome()!.reply.text).toHaveLength(10_000);
  });
});

describe("dispatchReply with other limits", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("names the limits in force in what the user is told", async () => {
    const firstEvent = start(botAnswering("sse", [], { ends: false }).runner, {
      firstEventTimeoutMs: 300,
      retryDelayMs: 0,
    });
    const answer = start(silentBot, { jsonReplyTimeoutMs: 1_200 });
    const total = start(botAnswering("sse", [text("Once")], { ends: false }).runner, {
      totalTimeoutMs: 90_000,
    });
    await vi.advanceTimersByTimeAsync(90_000);
    expect(firstEvent.outcome()?.errorText).toBe("The bot did not start its reply within 300 ms");
    expect(answer.outcome()?.errorText).toBe("The bot did not answer within 1.2 seconds");
    expect(total.outcome()?.errorText).toBe(
      "The reply was cut off: the bot took longer than 90 seconds",
    );
  });
});

describe("dispatchReply and token usage", () => {
  const done: SseMessage = { event: "done", data: "{}" };

  it("keeps the tokens a bot's stream reports once its reply is over", async () => {
    const usage = { inputTokens: 12, outputTokens: 34, provider: "openai", model: "gpt-4o" };
    let counted: typeof usage | null = null;
    const runner: BotRunner = {
      query: () =>
        Promise.resolve({
          status: 200,
          format: "sse",
          // The vendor counts last: the count is there by the time `done` arrives, not before.
          read(sink) {
            sink.message(text("Once"));
            counted = usage;
            sink.message(done);
            return () => {};
          },
          usage: () => counted,
        }),
      settings: () => Promise.resolve({}),
      report: () => Promise.resolve(),
    };
    const outcome = await dispatchReply(runner, request, {
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    expect(outcome.status).toBe("complete");
    expect(outcome.usage).toEqual(usage);
  });

  it("has no usage for a bot that does not count tokens", async () => {
    const outcome = await dispatchReply(botAnswering("sse", [text("Hi"), done]).runner, request, {
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    expect(outcome.usage).toBeNull();
  });
});
