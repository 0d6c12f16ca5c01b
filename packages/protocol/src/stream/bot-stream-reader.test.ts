import { describe, expect, it } from "vitest";
import type { SseMessage } from "../sse/sse-decoder.js";
import { BotStreamReader, type BotStreamStep } from "./bot-stream-reader.js";
import { applyBotEvent, createReplyState } from "./reply-state.js";

const message = (event: string, data: unknown): SseMessage => ({
  event,
  data: typeof data === "string" ? data : JSON.stringify(data),
});

/** Reads messages until the reader finishes, collecting steps, reports and the reply. */
function read(messages: SseMessage[], options = {}) {
  const reader = new BotStreamReader({ messageId: "m-1", ...options });
  const reply = createReplyState();
  const steps: BotStreamStep[] = [];
  for (const item of messages) {
    const step = reader.read(item);
    steps.push(step);
    if (step.type === "event") applyBotEvent(reply, step.event);
  }
  const endReport = reader.end();
  const reports = [...steps.flatMap((s) => (s.report ? [s.report.message] : []))];
  if (endReport) reports.push(endReport.message);
  const failure = steps.find((s) => s.type === "failed");
  return {
    steps,
    reply,
    reports,
    failure: failure?.type === "failed" ? failure.failure : undefined,
  };
}

const done = message("done", {});

describe("BotStreamReader", () => {
  it("concatenates text and ignores everything after done", () => {
    const { reply, reports } = read([
      message("text", { text: "Hello" }),
      message("text", { text: ", world" }),
      done,
      message("text", { text: " ignored" }),
    ]);
    expect(reply.text).toBe("Hello, world");
    expect(reports).toEqual([]);
  });

  it("keeps text and reports a stream that ends without done", () => {
    const { reply, reports, failure } = read([message("text", { text: "partial" })]);
    expect(reply.text).toBe("partial");
    expect(failure).toBeUndefined();
    expect(reports).toEqual(["Bot exited without sending 'done' event"]);
  });

  it("honours only a first meta, and replace_response, suggested replies, json, ping", () => {
    const { reply, reports } = read([
      message("meta", { content_type: "text/plain", suggested_replies: true }),
      message("text", { text: "draft" }),
      message("meta", { content_type: "text/markdown" }),
      message("ping", ""),
      message("replace_response", { text: "final" }),
      message("suggested_reply", { text: "More?" }),
      message("json", { choices: [] }),
      done,
    ]);
    expect(reply.meta.content_type).toBe("text/plain");
    expect(reply.meta.suggested_replies).toBe(true);
    expect(reply.text).toBe("final");
    expect(reply.suggestedReplies).toEqual(["More?"]);
    expect(reply.json).toEqual([{ choices: [] }]);
    expect(reports).toEqual([]);
  });

  it("turns an error event into a retryable or final failure", () => {
    const retry = read([message("text", { text: "a" }), message("error", { text: "busy" })]);
    expect(retry.failure).toMatchObject({ code: "bot_error", retryable: true, message: "busy" });
    expect(retry.reply.text).toBe("a");
    const final = read([message("error", { text: "no", allow_retry: false })]);
    expect(final.failure).toMatchObject({ retryable: false });
    // An error is the end: no "missing done" report follows it.
    expect(final.reports).toEqual([]);
  });

  it("keeps integer indexes and drops others", () => {
    const { steps } = read([
      message("text", { text: "a", index: 1 }),
      message("text", { text: "b", index: "x" }),
    ]);
    expect(steps.map((s) => (s.type === "event" ? s.event.data : null))).toEqual([
      { text: "a", index: 1 },
      { text: "b" },
    ]);
  });

  it.each([
    [
      "meta with a non-bool suggested_replies",
      [message("meta", { suggested_replies: "yes" }), message("text", { text: "x" }), done],
      "Invalid suggested_replies value in 'meta' event",
      undefined,
    ],
    [
      "meta with a non-bool linkify",
      [message("meta", { linkify: 1 }), message("text", { text: "x" }), done],
      "Invalid linkify value in 'meta' event",
      undefined,
    ],
    [
      "meta with a non-string content_type",
      [message("meta", { content_type: 5 }), message("text", { text: "x" }), done],
      "Invalid content_type value in 'meta' event",
      undefined,
    ],
    ["an empty reply", [done], "Bot returned no text in response", undefined],
    [
      "an unknown event",
      [message("surprise", { a: 1 }), message("text", { text: "x" }), done],
      "Unknown event type: surprise",
      undefined,
    ],
    [
      "invalid JSON",
      [message("text", "{not json")],
      "Invalid JSON in 'text' event",
      { code: "invalid_json", retryable: false },
    ],
    [
      "non-string text",
      [message("text", { text: 5 })],
      "Expected string in 'text' field for 'text' event",
      { code: "invalid_field", retryable: false },
    ],
    [
      "non-dict data",
      [message("text", "[1, 2]")],
      "Expected JSON dict in 'text' event",
      { code: "not_an_object", retryable: true },
    ],
    [
      "a file without a url",
      [message("file", { name: "a", content_type: "b" })],
      "Expected string in 'url' field for 'file' event",
      { code: "invalid_field", retryable: false },
    ],
  ])("reports %s exactly once", (_name, messages, expectedReport, expectedFailure) => {
    const { reports, failure } = read(messages);
    expect(reports).toEqual([expectedReport]);
    if (expectedFailure) expect(failure).toMatchObject(expectedFailure);
    else expect(failure).toBeUndefined();
  });

  it("does not ask for text when the request carried tools", () => {
    expect(
      read([message("json", { choices: [] }), done], { toolsRequested: true }).reports,
    ).toEqual([]);
  });

  it("quotes the message id and truncates huge unknown events in reports", () => {
    const { steps } = read([
      message("x".repeat(300), "y".repeat(2000)),
      message("text", { text: "a" }),
      done,
    ]);
    const report = steps[0]!.report!;
    expect(report.message).toHaveLength("Unknown event type: ".length + 100);
    expect(report.metadata.message_id).toBe("m-1");
    expect(String(report.metadata.event_data)).toHaveLength(500);
  });

  it("enforces the character and event limits when asked", () => {
    const tooLong = read(
      [message("text", { text: "x".repeat(6) }), message("text", { text: "x".repeat(6) })],
      {
        maxCharacters: 10,
      },
    );
    expect(tooLong.failure).toMatchObject({ code: "too_much_text", retryable: false });
    // replace_response resets the count: the reply the user sees is what is limited.
    const replaced = read(
      [
        message("text", { text: "x".repeat(8) }),
        message("replace_response", { text: "y" }),
        message("text", { text: "z".repeat(8) }),
        done,
      ],
      { maxCharacters: 10 },
    );
    expect(replaced.failure).toBeUndefined();
    const tooMany = read(
      Array.from({ length: 4 }, () => message("text", { text: "a" })),
      { maxEvents: 3 },
    );
    expect(tooMany.failure).toMatchObject({ code: "too_many_events" });
  });

  it("keeps only the last data event and collects files", () => {
    const { reply } = read([
      message("file", {
        url: "https://f/1",
        name: "a.png",
        content_type: "image/png",
        inline_ref: "abc",
      }),
      message("data", { metadata: "one" }),
      message("data", { metadata: "two" }),
      message("text", { text: "![a][abc]" }),
      done,
    ]);
    expect(reply.metadata).toBe("two");
    expect(reply.files).toEqual([
      { url: "https://f/1", name: "a.png", content_type: "image/png", inline_ref: "abc" },
    ]);
  });
});
