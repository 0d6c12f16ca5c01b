import { describe, expect, it } from "vitest";
import { defineBot } from "../bot/define-bot.js";
import { createFetchHandler } from "./create-fetch-handler.js";

const KEY = "k".repeat(32);
const query = {
  version: "1.2",
  type: "query",
  query: [{ role: "user", content: "hi" }],
  user_id: "u",
  conversation_id: "c",
  message_id: "m",
};

const request = (path: string, body: unknown, key = KEY, signal?: AbortSignal) =>
  new Request(`http://bot.example${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

describe("createFetchHandler", () => {
  const bot = defineBot({
    accessKey: KEY,
    async *onQuery(request) {
      yield `You said ${request.query.at(-1)?.content}`;
    },
    settings: { introduction_message: "Hello!" },
  });
  const handler = createFetchHandler(bot);

  it("streams a reply as a web Response, mountable under any route", async () => {
    const response = await handler(request("/api/any/route", query));
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await response.text()).toBe(
      'event: text\r\ndata: {"text":"You said hi"}\r\n\r\nevent: done\r\ndata: {}\r\n\r\n',
    );
  });

  it("answers settings, wrong keys and unknown types like the Node server", async () => {
    expect(
      await (await handler(request("/", { version: "1.2", type: "settings" }))).json(),
    ).toEqual({
      response_version: 2,
      introduction_message: "Hello!",
    });
    const wrong = await handler(request("/", query, "x".repeat(32)));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ detail: "Invalid access key" });
    expect((await handler(request("/", { version: "1.2", type: "nope" }))).status).toBe(501);
  });

  it("closes the bot's generator when the response body is cancelled", async () => {
    let closed = false;
    const endless = createFetchHandler(
      defineBot({
        accessKey: KEY,
        async *onQuery() {
          try {
            for (;;) {
              yield "more ";
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
          } finally {
            closed = true;
          }
        },
      }),
    );
    const response = await endless(request("/", query));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => closed).toBe(true);
  });

  it("routes several bots by path", async () => {
    const a = defineBot({
      path: "/a",
      accessKey: KEY,
      async *onQuery() {
        yield "A";
      },
    });
    const b = defineBot({
      path: "/b",
      accessKey: KEY,
      async *onQuery() {
        yield "B";
      },
    });
    const multi = createFetchHandler([a, b]);
    expect(await (await multi(request("/b", query))).text()).toContain('"B"');
    expect((await multi(request("/c", query))).status).toBe(404);
  });
});
