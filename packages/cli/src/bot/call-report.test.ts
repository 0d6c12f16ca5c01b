import { describe, expect, it } from "vitest";
import { describeEvent, describeOutcome, describeRequest } from "./call-report.js";

describe("call report", () => {
  it("sums up a query by its last message and the size of the conversation", () => {
    const body = JSON.stringify({
      type: "query",
      query: [
        { role: "user", content: "hi" },
        { role: "bot", content: "hello" },
        { role: "user", content: "what is\nthe time?" },
      ],
    });
    expect(describeRequest(body)).toBe('query: "what is the time?" (user, 3 messages in all)');
    expect(describeRequest('{"type":"settings"}')).toBe("settings");
    expect(describeRequest("{oops")).toBe("a request whose body is not JSON");
  });

  it("shows each event with its time since the request and the text it carries", () => {
    expect(describeEvent({ ms: 12, event: "text", data: '{"text":"Hello"}' })).toBe(
      '   +12 ms  text  "Hello"',
    );
    expect(describeEvent({ ms: 3, event: "done", data: "{}" })).toBe("    +3 ms  done");
    expect(describeEvent({ ms: 4, event: "sparkle", data: "{not json" })).toBe(
      "    +4 ms  sparkle  {not json",
    );
  });

  it("gives the final state and explains protocol mistakes in words", () => {
    const lines = describeOutcome(
      [
        { ms: 6200, event: "text", data: '{"text":"Hi"}' },
        { ms: 6201, event: "suggested_reply", data: '{"text":"More"}' },
        { ms: 6202, event: "done", data: "{}" },
        { ms: 6203, event: "text", data: '{"text":"late"}' },
      ],
      6203,
    );
    expect(lines[0]).toBe("  done after 6203 ms: 2 characters of text, 1 suggested reply");
    expect(lines).toContain("  ✗ first event after 6.2 s: users see a timeout at 5 s (event 1)");
    expect(lines).toContain("  ! `text` event after `done` is ignored (event 4)");
  });

  it("says when a stream ends without done, and shows the bot's error", () => {
    expect(describeOutcome([{ ms: 1, event: "text", data: '{"text":"a"}' }], 5)[0]).toBe(
      "  ended without done after 5 ms: 1 character of text",
    );
    const failed = describeOutcome(
      [{ ms: 1, event: "error", data: '{"text":"Too long","allow_retry":false}' }],
      2,
    );
    expect(failed[0]).toBe('  error "Too long" after 2 ms: 0 characters of text');
  });
});
