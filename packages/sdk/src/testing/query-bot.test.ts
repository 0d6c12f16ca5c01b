import { describe, expect, it } from "vitest";
import { defineBot } from "../bot/define-bot.js";
import { data, errorResponse, meta, suggestedReply } from "../bot/bot-response.js";
import { createBotTestServer } from "./create-bot-test-server.js";
import { queryBot } from "./query-bot.js";

describe("queryBot", () => {
  it("runs a bot without a network and reads the reply as a platform would", async () => {
    const bot = defineBot({
      async *onQuery(request) {
        yield meta({ suggestedReplies: false });
        yield `Echo: ${request.query.at(-1)?.content}`;
        yield suggestedReply("Again");
        yield data('{"turn":1}');
      },
    });
    const run = await queryBot(bot, "hi");
    expect(run.text).toBe("Echo: hi");
    expect(run.suggestedReplies).toEqual(["Again"]);
    expect(run.metadata).toBe('{"turn":1}');
    expect(run.meta.suggested_replies).toBe(false);
    expect(run.events.map((e) => e.event)).toEqual([
      "meta",
      "text",
      "suggested_reply",
      "data",
      "done",
    ]);
    expect(run.reports).toEqual([]);
  });

  it("shows a bot's error and what a platform would report", async () => {
    const silent = await queryBot(defineBot({ async *onQuery() {} }), "hi");
    expect(silent.reports.map((r) => r.message)).toEqual(["Bot returned no text in response"]);
    const failing = await queryBot(
      defineBot({
        async *onQuery() {
          yield errorResponse("Too long", {
            allowRetry: false,
            errorType: "user_message_too_long",
          });
        },
      }),
      "hi",
    );
    expect(failing.error).toEqual({
      allow_retry: false,
      text: "Too long",
      error_type: "user_message_too_long",
    });
  });
});

describe("createBotTestServer", () => {
  it("serves a bot on a free port with a generated 32-character key", async () => {
    const server = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield "pong";
        },
      }),
    );
    try {
      expect(server.accessKey).toHaveLength(32);
      const response = await fetch(server.url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${server.accessKey}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          version: "1.2",
          type: "query",
          query: [{ role: "user", content: "ping" }],
          user_id: "u",
          conversation_id: "c",
          message_id: "m",
        }),
      });
      expect(await response.text()).toContain('"pong"');
    } finally {
      await server.close();
    }
  });
});
