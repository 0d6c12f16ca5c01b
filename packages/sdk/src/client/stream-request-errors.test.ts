import type { QueryRequestInput } from "@parlor/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BotError, BotErrorNoRetry } from "../errors.js";
import { getBotResponse } from "./get-bot-response.js";
import { streamRequest, type StreamRequestOptions } from "./stream-request.js";
import {
  encodeEvents,
  sendSse,
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
} from "./testing/fake-platform.js";

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

/** Calls the `echo` bot, collecting the text; resolves to the text or rejects like the call. */
async function textFrom(platform: FakePlatform, options: StreamRequestOptions = {}) {
  let text = "";
  for await (const response of streamRequest(request, "echo", "test-key", {
    baseUrl: platform.botBaseUrl,
    onError: () => undefined,
    retrySleepMs: 1,
    ...options,
  })) {
    text += response.text;
  }
  return text;
}

const replay =
  (events: [string, unknown][]): PlatformHandler =>
  (_request, response) =>
    sendSse(response, encodeEvents(events));
const done: [string, unknown] = ["done", {}];

describe("malformed bot streams", () => {
  it.each([
    [
      "meta with a non-bool suggested_replies",
      [["meta", { suggested_replies: "true" }], done],
      "Invalid suggested_replies value in 'meta' event",
      undefined,
    ],
    [
      "meta with a non-bool linkify",
      [["meta", { linkify: "banana" }], done],
      "Invalid linkify value in 'meta' event",
      undefined,
    ],
    [
      "meta with a non-string content_type",
      [["meta", { content_type: 123 }], done],
      "Invalid content_type value in 'meta' event",
      undefined,
    ],
    ["an empty reply", [done], "Bot returned no text in response", undefined],
    ["an unknown event", [["bad", { text: "some" }], done], "Unknown event type: bad", undefined],
    [
      "invalid JSON",
      [["text", '{"text": banana}'], done],
      "Invalid JSON in 'text' event",
      BotErrorNoRetry,
    ],
    [
      "a non-string text",
      [["text", { text: 123 }], done],
      "Expected string in 'text' field for 'text' event",
      BotErrorNoRetry,
    ],
    [
      "data that is not a dict",
      [["meta", "123"], done],
      "Expected JSON dict in 'meta' event",
      BotError,
    ],
  ] as const)(
    "%s: one report_error to the bot and one onError call",
    async (_name, events, message, errorClass) => {
      const platform = await start(replay(events.map(([event, data]) => [event, data])));
      const onError = vi.fn();
      const call = textFrom(platform, { onError, numTries: 1 });
      if (errorClass) await expect(call).rejects.toBeInstanceOf(errorClass);
      else await call;
      expect(platform.reports()).toEqual([
        expect.objectContaining({
          version: "1.2",
          type: "report_error",
          message,
          metadata: expect.objectContaining({ message_id: "789" }),
        }),
      ]);
      expect(onError).toHaveBeenCalledOnce();
      expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(BotError);
      // The report goes to the bot's own endpoint, with the caller's key.
      expect(platform.requests.at(-1)?.path).toBe("/bot/echo");
      expect(platform.requests.at(-1)?.headers.authorization).toBe("Bearer test-key");
    },
  );

  it("still succeeds when a report cannot be delivered", async () => {
    const platform = await start((_request, response) => {
      sendSse(response, encodeEvents([["surprise", {}], ["text", { text: "ok" }], done]));
    });
    const failingReports: typeof fetch = async (input, init) => {
      if (typeof init?.body === "string" && init.body.includes('"report_error"'))
        throw new TypeError("offline");
      return fetch(input, init);
    };
    await expect(textFrom(platform, { fetch: failingReports })).resolves.toBe("ok");
  });
});

describe("error events", () => {
  it("allow_retry false throws BotErrorNoRetry and is not retried", async () => {
    const platform = await start(
      replay([
        ["text", { text: "some" }],
        ["error", { allow_retry: false, text: "nope" }],
      ]),
    );
    const call = textFrom(platform);
    await expect(call).rejects.toBeInstanceOf(BotErrorNoRetry);
    await expect(call).rejects.toThrow("nope");
    expect(platform.queries()).toHaveLength(1);
  });

  it("allow_retry true throws a retryable BotError", async () => {
    const platform = await start(
      replay([
        ["text", { text: "some" }],
        ["error", { allow_retry: true }],
      ]),
    );
    const error: unknown = await textFrom(platform).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BotError);
    expect(error).not.toBeInstanceOf(BotErrorNoRetry);
    expect((error as BotError).isRetryable).toBe(true);
  });
});

describe("retries", () => {
  it("retries once when the first try fails before any output", async () => {
    let tries = 0;
    const platform = await start((_request, response) => {
      tries += 1;
      if (tries === 1) response.writeHead(500).end("overloaded");
      else sendSse(response, encodeEvents([["text", { text: "second time lucky" }], done]));
    });
    const onError = vi.fn();
    await expect(textFrom(platform, { onError })).resolves.toBe("second time lucky");
    expect(platform.queries()).toHaveLength(2);
    expect(onError).toHaveBeenCalledWith(
      expect.any(BotError),
      "Bot request to echo failed on try 0",
    );
  });

  it.each([401, 403, 404])(
    "gives up at once on HTTP %i, as not retryable, printing nothing",
    async (status) => {
      const printed = vi.spyOn(console, "error").mockImplementation(() => {});
      const platform = await start((_request, response) =>
        response.writeHead(status).end('{"detail":"no"}'),
      );
      const pieces = getBotResponse([{ role: "user", content: "Hi" }], "echo", "key", {
        baseUrl: platform.botBaseUrl,
        retrySleepMs: 1,
      });
      const error: unknown = await (async () => {
        for await (const piece of pieces) void piece;
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BotErrorNoRetry);
      expect((error as BotErrorNoRetry).isRetryable).toBe(false);
      expect((error as BotErrorNoRetry).message).toContain(`HTTP ${status}`);
      expect(platform.queries()).toHaveLength(1);
      // The caller caught it; the SDK must not also print a stack trace of a retry to stderr.
      expect(printed).not.toHaveBeenCalled();
      printed.mockRestore();
    },
  );

  it("gives up after numTries with the status and body of the last answer", async () => {
    const platform = await start((_request, response) =>
      response.writeHead(503).end("down for maintenance"),
    );
    const call = textFrom(platform, { numTries: 3 });
    await expect(call).rejects.toThrow(/503.*down for maintenance/);
    expect(platform.queries()).toHaveLength(3);
  });

  it("does not retry once output was yielded, and names the bot when the connection breaks", async () => {
    const platform = await start((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(encodeEvents([["text", { text: "half" }]]), () =>
        setTimeout(() => response.destroy(), 20),
      );
    });
    const error: unknown = await textFrom(platform).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).message).toBe("Error communicating with bot echo");
    expect((error as BotError).cause).toBeDefined();
    expect(platform.queries()).toHaveLength(1);
  });

  it("wraps a network failure in BotError after the last try", async () => {
    const platform = await start((_request, response) => response.destroy());
    await expect(textFrom(platform)).rejects.toThrow("Error communicating with bot echo");
    expect(platform.queries()).toHaveLength(2);
  });

  it("rejects a 200 answer that is not an event stream", async () => {
    const platform = await start((_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end("{}"),
    );
    await expect(textFrom(platform, { numTries: 1 })).rejects.toThrow("text/event-stream");
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    const platform = await start((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(encodeEvents([["text", { text: "first" }]]));
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const call = (async () => {
      for await (const response of streamRequest(request, "echo", "k", {
        baseUrl: platform.botBaseUrl,
        signal: controller.signal,
        onError: () => undefined,
      })) {
        seen.push(response.text);
        controller.abort();
      }
    })();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["first"]);
    expect(platform.queries()).toHaveLength(1);
  });
});
