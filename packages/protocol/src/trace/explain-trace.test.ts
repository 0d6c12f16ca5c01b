import { describe, expect, it } from "vitest";
import { explainTrace, type TracedEvent } from "./explain-trace.js";

/** Events 100 ms apart, from `[name, data]` pairs; data objects are serialised. */
function trace(...events: [string, unknown][]): TracedEvent[] {
  return events.map(([event, data], index) => ({
    ms: 100 * (index + 1),
    event,
    data: typeof data === "string" ? data : JSON.stringify(data),
  }));
}

const done: [string, unknown] = ["done", {}];

describe("explainTrace", () => {
  it("has nothing to say about a good reply", () => {
    const good = trace(
      ["meta", { content_type: "text/markdown", suggested_replies: false }],
      ["text", { text: "Hello" }],
      ["ping", ""],
      ["text", { text: ", world" }],
      ["suggested_reply", { text: "More?" }],
      ["data", { metadata: "{}" }],
      done,
    );
    expect(explainTrace(good)).toEqual([]);
  });

  it("flags every event after done, naming it", () => {
    const remarks = explainTrace(
      trace(["text", { text: "a" }], done, ["text", { text: "b" }], ["done", {}]),
    );
    expect(remarks).toEqual([
      { event: 2, level: "warning", text: "`text` event after `done` is ignored" },
      { event: 3, level: "warning", text: "`done` event after `done` is ignored" },
    ]);
  });

  it("flags a late first event against the protocol's or a given deadline", () => {
    const late: TracedEvent[] = [
      { ms: 6_180, event: "text", data: '{"text":"hi"}' },
      { ms: 6_200, event: "done", data: "{}" },
    ];
    expect(explainTrace(late)).toEqual([
      { event: 0, level: "error", text: "first event after 6.2 s: users see a timeout at 5 s" },
    ]);
    expect(explainTrace(late, { firstEventDeadlineMs: 10_000 })).toEqual([]);
    const early = late.map((event) => ({ ...event, ms: event.ms - 4_000 }));
    expect(explainTrace(early, { firstEventDeadlineMs: 1_500 })[0]?.text).toBe(
      "first event after 2.2 s: users see a timeout at 1.5 s",
    );
  });

  it("explains malformed data: not JSON, not an object, a wrong field", () => {
    const [notJson] = explainTrace(trace(["text", "{not json"]));
    expect(notJson).toMatchObject({ event: 0, level: "error" });
    expect(notJson!.text).toMatch(/^`text` event data is not valid JSON: \S/);
    expect(notJson!.text.length).toBeLessThan(130);
    expect(explainTrace(trace(["text", "[1]"]))).toEqual([
      { event: 0, level: "error", text: "`text` event data is not a JSON object" },
    ]);
    expect(explainTrace(trace(["text", { text: 5 }]))).toEqual([
      {
        event: 0,
        level: "error",
        text: "`text` event: expected string in 'text' field for 'text' event",
      },
    ]);
  });

  it("treats a malformed event as the end: what follows is ignored, no done is missing", () => {
    const remarks = explainTrace(trace(["text", { text: "Hi" }], ["text", "{bad"], done));
    expect(remarks.map((remark) => [remark.event, remark.level])).toEqual([
      [1, "error"],
      [2, "warning"],
    ]);
    expect(remarks[1]!.text).toBe("`done` event after a malformed event is ignored");
    // A meta with a bad value is only dropped.
    expect(
      explainTrace(trace(["meta", { linkify: "yes" }], ["text", { text: "x" }], done)),
    ).toEqual([
      {
        event: 0,
        level: "warning",
        text: "`meta` event: invalid linkify value in 'meta' event: it is ignored",
      },
    ]);
  });

  it("keeps the JSON reason short even for huge data", () => {
    const [remark] = explainTrace(trace(["text", `{"text": "${"x".repeat(5_000)}`], done));
    expect(remark!.text.length).toBeLessThan(130);
  });

  it("names unknown events and a meta that is not first", () => {
    const remarks = explainTrace(
      trace(["surprise", { a: 1 }], ["text", { text: "a" }], ["meta", {}], done),
    );
    expect(remarks).toEqual([
      { event: 0, level: "warning", text: "`surprise` is not a protocol event: it is ignored" },
      {
        event: 2,
        level: "warning",
        text: "`meta` counts only as the first event: this one is ignored",
      },
    ]);
  });

  it("reports a stream without done, unless it is still running", () => {
    const partial = trace(["text", { text: "partial" }]);
    expect(explainTrace(partial)).toEqual([
      {
        event: null,
        level: "error",
        text: "the stream ended without `done`: the reply is kept, and the bot is told of the mistake",
      },
    ]);
    expect(explainTrace(partial, { ended: false })).toEqual([]);
    expect(explainTrace([])).toEqual([
      { event: null, level: "error", text: "the bot sent no events" },
    ]);
    expect(explainTrace([], { ended: false })).toEqual([]);
  });

  it("shows the bot's error text and whether it allows a retry", () => {
    const remarks = explainTrace(
      trace(["text", { text: "a" }], ["error", { text: "Out of tea", allow_retry: false }], done),
    );
    // fastapi_poe sends done after an error: no remark about that done.
    expect(remarks).toEqual([
      { event: 1, level: "error", text: "the bot sent an error (no retry allowed): “Out of tea”" },
    ]);
    expect(explainTrace(trace(["error", {}], ["text", { text: "x" }]))).toEqual([
      {
        event: 0,
        level: "error",
        text: "the bot sent an error without text (retry allowed): users see a generic error",
      },
      { event: 1, level: "warning", text: "`text` event after `error` is ignored" },
    ]);
  });

  it("warns of an empty reply", () => {
    expect(explainTrace(trace(["meta", {}], done))).toEqual([
      {
        event: null,
        level: "warning",
        text: "the bot sent `done` without any text: users see an empty reply",
      },
    ]);
    // Tool calls are content: a reply of json events alone is fine.
    expect(explainTrace(trace(["json", { choices: [] }], done))).toEqual([]);
  });

  it("explains misuse of suggested_reply", () => {
    const remarks = explainTrace(
      trace(
        ["meta", { suggested_replies: true }],
        ["suggested_reply", { text: "Early?" }],
        ["text", { text: "Answer" }],
        ["suggested_reply", { text: "  " }],
        done,
      ),
    );
    expect(remarks).toEqual([
      {
        event: 1,
        level: "warning",
        text: "`suggested_reply` before any text: suggestions belong after the reply",
      },
      {
        event: 3,
        level: "warning",
        text: "`suggested_reply` with empty text: users see an empty button",
      },
      {
        event: null,
        level: "warning",
        text: "the bot sends its own `suggested_reply` events, so `meta.suggested_replies: true` has no effect",
      },
    ]);
  });

  it("explains replace_response used to stream, but not used for progress", () => {
    const streaming = explainTrace(
      trace(
        ["replace_response", { text: "The" }],
        ["replace_response", { text: "The cat" }],
        ["replace_response", { text: "The cat sat" }],
        done,
      ),
    );
    expect(streaming.map((remark) => remark.event)).toEqual([1, 2]);
    expect(streaming[0]!.text).toBe(
      "`replace_response` repeats the previous one and adds to it: send only the new part in a `text` event",
    );
    const progress = trace(
      ["replace_response", { text: "Generating… (1s)" }],
      ["replace_response", { text: "Generating… (2s)" }],
      ["replace_response", { text: "![image][abc]" }],
      done,
    );
    expect(explainTrace(progress)).toEqual([]);
  });
});
