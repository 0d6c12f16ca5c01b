import { readFileSync } from "node:fs";
import type { QueryRequestInput } from "@parlor/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PartialResponse } from "./partial-response.js";
import { streamRequest, type StreamRequestOptions } from "./stream-request.js";
import {
  encodeEvents,
  sendSse,
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
} from "./testing/fake-platform.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));

const request: QueryRequestInput = {
  version: "1.2",
  type: "query",
  query: [{ role: "user", content: "Hello, world!" }],
  user_id: "123",
  conversation_id: "456",
  message_id: "789",
};

const platforms: FakePlatform[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((platform) => platform.close()));
});

async function start(handler: PlatformHandler) {
  const platform = await startFakePlatform(handler);
  platforms.push(platform);
  return platform;
}

/** Calls the fake platform's `echo` bot and collects what the client yields. */
async function collect(platform: FakePlatform, options: StreamRequestOptions = {}) {
  const responses: PartialResponse[] = [];
  for await (const response of streamRequest(request, "echo", "test-key", {
    baseUrl: platform.botBaseUrl,
    onError: () => undefined,
    retrySleepMs: 1,
    ...options,
  })) {
    responses.push(response);
  }
  return responses;
}

const textOf = (responses: PartialResponse[]) =>
  responses.map((response) => response.text).join("");
const replay =
  (events: [string, unknown][]): PlatformHandler =>
  (_request, response) =>
    sendSse(response, encodeEvents(events));

describe("streamRequest against fastapi_poe's recorded replies", () => {
  it("reads query.sse byte for byte", async () => {
    const platform = await start((_request, response) => sendSse(response, fixture("query.sse")));
    const responses = await collect(platform);
    expect(textOf(responses)).toBe("hello (echo of 5 chars)");
    expect(responses.flatMap((response) => response.suggestedReply ?? [])).toEqual([
      "Say it again",
    ]);
    expect(platform.reports()).toEqual([]);
  });

  it("reads query_slow.sse, with its keep-alive comment, split into small chunks", async () => {
    const bytes = fixture("query_slow.sse");
    const platform = await start(async (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
      for (let offset = 0; offset < bytes.length; offset += 7) {
        response.write(bytes.subarray(offset, offset + 7));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      response.end();
    });
    const responses = await collect(platform);
    expect(textOf(responses)).toBe("slow echo please (echo of 16 chars)");
    expect(responses.flatMap((response) => response.suggestedReply ?? [])).toEqual([
      "Say it again",
    ]);
    expect(platform.reports()).toEqual([]);
  });
});

describe("streamRequest requests", () => {
  it("posts the request to <baseUrl><botName> with fastapi_poe's headers", async () => {
    const platform = await start(
      replay([
        ["text", { text: "hi" }],
        ["done", {}],
      ]),
    );
    await collect(platform);
    const [query] = platform.queries();
    expect(query?.method).toBe("POST");
    expect(query?.path).toBe("/bot/echo");
    expect(query?.headers).toMatchObject({
      accept: "text/event-stream",
      authorization: "Bearer test-key",
      "content-type": "application/json",
    });
    expect(query?.json()).toMatchObject({
      message_id: "789",
      query: [{ role: "user", content: "Hello, world!" }],
    });
  });

  it("merges extra headers, which may override the defaults", async () => {
    const platform = await start(
      replay([
        ["text", { text: "hi" }],
        ["done", {}],
      ]),
    );
    await collect(platform, { extraHeaders: { accept: "application/json", "X-Trace": "abc" } });
    expect(platform.queries()[0]?.headers).toMatchObject({
      accept: "application/json",
      authorization: "Bearer test-key",
      "x-trace": "abc",
    });
  });
});

describe("streamRequest reading events", () => {
  it("concatenates text and ignores what follows done, without waiting for the stream to end", async () => {
    const platform = await start((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      // The connection stays open: the client must stop at `done`.
      response.write(
        encodeEvents([
          ["text", { text: "some" }],
          ["text", { text: " response." }],
          ["done", {}],
          ["text", { text: "blahblah" }],
        ]),
      );
    });
    expect(textOf(await collect(platform))).toBe("some response.");
    expect(platform.reports()).toEqual([]);
  });

  it("keeps the text of a stream without done and reports it once", async () => {
    const platform = await start(
      replay([
        ["text", { text: "some" }],
        ["text", { text: " response." }],
      ]),
    );
    const onError = vi.fn();
    expect(textOf(await collect(platform, { onError }))).toBe("some response.");
    expect(platform.reports()).toEqual([
      {
        version: "1.2",
        type: "report_error",
        message: "Bot exited without sending 'done' event",
        metadata: { message_id: "789" },
      },
    ]);
    expect(onError).toHaveBeenCalledOnce();
  });

  it("parses the first meta only, and replace_response, suggested_reply and json; skips ping and data", async () => {
    const platform = await start(
      replay([
        ["meta", { suggested_replies: true, content_type: "text/markdown", linkify: true }],
        ["text", { text: "some" }],
        ["meta", { suggested_replies: false }],
        ["replace_response", { text: " response." }],
        ["suggested_reply", { text: "what do you mean?" }],
        ["json", { fruit: "apple" }],
        ["data", { metadata: "kept by the platform" }],
        ["ping", {}],
        ["done", {}],
      ]),
    );
    const base = { isSuggestedReply: false, isReplaceResponse: false, toolCalls: [] };
    expect(await collect(platform)).toEqual([
      {
        ...base,
        text: "",
        meta: {
          contentType: "text/markdown",
          suggestedReplies: true,
          linkify: true,
          refetchSettings: false,
        },
        rawResponse: { suggested_replies: true, content_type: "text/markdown", linkify: true },
      },
      { ...base, text: "some", rawResponse: { type: "text", text: '{"text":"some"}' } },
      {
        ...base,
        text: " response.",
        isReplaceResponse: true,
        rawResponse: { type: "replace_response", text: '{"text":" response."}' },
      },
      {
        ...base,
        text: "",
        isSuggestedReply: true,
        suggestedReply: "what do you mean?",
        rawResponse: { type: "suggested_reply", text: '{"text":"what do you mean?"}' },
      },
      { ...base, text: "", data: { fruit: "apple" } },
    ]);
    expect(platform.reports()).toEqual([]);
  });

  it("yields file events as attachments", async () => {
    const file = {
      url: "https://files/a.png",
      content_type: "image/png",
      name: "a.png",
      inline_ref: "abc",
    };
    const platform = await start(
      replay([
        ["file", file],
        ["text", { text: "![a][abc]" }],
        ["done", {}],
      ]),
    );
    const [first] = await collect(platform);
    expect(first?.attachment).toEqual({
      url: file.url,
      contentType: "image/png",
      name: "a.png",
      inlineRef: "abc",
    });
  });

  it("propagates integer indexes and drops others", async () => {
    const platform = await start(
      replay([
        ["text", { text: "a", index: 1 }],
        ["replace_response", { text: "b", index: 2 }],
        ["suggested_reply", { text: "c", index: 3 }],
        ["json", { index: 4 }],
        ["text", { text: "d", index: "5" }],
        ["text", { text: "e", index: 1.5 }],
        ["done", {}],
      ]),
    );
    expect((await collect(platform)).map((response) => response.index)).toEqual([
      1,
      2,
      3,
      4,
      undefined,
      undefined,
    ]);
  });
});
