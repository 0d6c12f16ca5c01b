import { afterEach, describe, expect, it, vi } from "vitest";
import { followReplyStream, type ReplyEvent } from "./reply-stream.js";

const sse = (...events: [id: number, name: string, data: unknown][]) =>
  events.map(([id, name, data]) => `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

/** A response whose body sends `chunks` and then ends (a dropped connection if no `done`). */
const streamOf = (chunks: string[]) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    }),
    { headers: { "content-type": "text/event-stream" } },
  );

describe("followReplyStream", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reattaches after a drop from the last event id, losing and repeating nothing", async () => {
    const [first, second] = sse([1, "text", { text: "Hel" }], [2, "text", { text: "lo" }]);
    // The drop comes mid-event: the half event must not count.
    const dropped = streamOf([first!, second!, "id: 3\nevent: te"]);
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      streamOf(
        sse(
          [3, "text", { text: "!" }],
          [4, "done", { status: "complete", error: null, text: "Hello!" }],
        ),
      ),
    );
    vi.stubGlobal("fetch", fetchMock);
    const events: ReplyEvent[] = [];
    await followReplyStream({
      url: "/api/messages/m-1/stream",
      response: dropped,
      onEvent: (event) => events.push(event),
      signal: new AbortController().signal,
    });
    expect(events.map((event) => ("text" in event ? event.text : ""))).toEqual([
      "Hel",
      "lo",
      "!",
      "Hello!",
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(new Headers(fetchMock.mock.calls[0]![1]?.headers).get("last-event-id")).toBe("2");
  });

  it("stops at `done` with the reply's status, error and retry permission", async () => {
    const events: ReplyEvent[] = [];
    await followReplyStream({
      url: "/unused",
      response: streamOf(
        sse([1, "done", { status: "error", error: "Bot failed", text: "", allow_retry: false }]),
      ),
      onEvent: (event) => events.push(event),
      signal: new AbortController().signal,
    });
    expect(events).toEqual([
      {
        type: "done",
        status: "error",
        error: "Bot failed",
        text: "",
        allow_retry: false,
        usage: null,
      },
    ]);
  });

  it("reads a counted reply's tokens and cost from `done`, and drops a malformed usage", async () => {
    const events: ReplyEvent[] = [];
    const usage = { input_tokens: 1000, output_tokens: 500, cost_usd: 0.0075 };
    await followReplyStream({
      url: "/unused",
      response: streamOf(
        sse(
          [1, "done", { status: "complete", error: null, text: "Hi", usage }],
          [
            2,
            "done",
            { status: "complete", error: null, text: "Hi", usage: { input_tokens: "9" } },
          ],
        ),
      ),
      onEvent: (event) => events.push(event),
      signal: new AbortController().signal,
    });
    expect(events.map((event) => event.type === "done" && event.usage)).toEqual([usage]);
  });
});
