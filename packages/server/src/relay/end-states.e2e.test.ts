import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getMessage,
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import {
  startScriptedBot,
  type QueryScript,
  type ScriptedBot,
} from "../testing/bots/scripted-bot-server.js";
import {
  readEvents,
  startTestPlatform,
  type TestClient,
  type TestPlatform,
} from "../testing/test-platform.js";

/** Misbehaviours whose end a user of either path must be able to tell apart, in words. */
const CASES: {
  name: string;
  script: QueryScript;
  status: "error" | "incomplete";
  error: string | RegExp;
  allowRetry: boolean | null;
}[] = [
  {
    name: "answers 401 (its access key differs)",
    script: misbehavingBots.failsWithStatus(401),
    status: "error",
    error: /^The bot answered HTTP 401/,
    // The same key is sent next time: a retry cannot work.
    allowRetry: false,
  },
  {
    name: "sends a gzip bomb it was never asked to compress",
    script: (exchange) => {
      exchange.response.writeHead(200, {
        "content-type": "text/event-stream",
        "content-encoding": "gzip",
      });
      exchange.response.end(gzipSync(Buffer.alloc(64 * 1024 * 1024, "\n")));
    },
    status: "error",
    error:
      "The bot compressed its reply (content-encoding: gzip), which the platform did not ask for; it must send it uncompressed",
    allowRetry: false,
  },
  {
    name: "opens its stream, sends meta, and closes without text or done",
    script: (exchange) => {
      exchange.send("meta", { content_type: "text/markdown" });
      exchange.end();
    },
    // Nothing to keep: an error, not an empty incomplete reply.
    status: "error",
    error: "The bot stopped before finishing its reply",
    allowRetry: true,
  },
  {
    name: "sends one 8 MiB line after some text",
    script: misbehavingBots.sendsEndlessLine(["Once upon"], 8),
    status: "incomplete",
    error: "The bot sent an event larger than 1 MiB, so the platform stopped reading it",
    allowRetry: null,
  },
];

describe("how a reply ends, told the same way to chat users and to /bot/ callers", () => {
  let platform: TestPlatform;
  let user: TestClient;
  let apiKey: string;
  const bots: ScriptedBot[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform("sqlite");
    user = await platform.signUp("user@example.com");
    ({ key: apiKey } = await user.json<{ key: string }>("POST", "/api/keys", { name: "caller" }));
  });
  afterAll(async () => {
    await platform.dispose();
    await Promise.all(bots.map((bot) => bot.close()));
  });

  CASES.forEach((misbehaviour, index) => {
    it(`when the bot ${misbehaviour.name}`, async () => {
      const bot = await startScriptedBot(misbehaviour.script);
      bots.push(bot);
      const handle = `end-state-${index}`;
      await registerBot(user, bot, { handle });

      // The chat path: the stored message and the stream's final event.
      const conversationId = await startConversation(user, handle);
      const { botMessageId } = await sendMessage(user, conversationId, "Tell me a story");
      const events = await readReply(user, botMessageId);
      const message = await getMessage(user, botMessageId);
      expect(message.status).toBe(misbehaviour.status);
      expect(message.error).toEqual(
        typeof misbehaviour.error === "string"
          ? misbehaviour.error
          : expect.stringMatching(misbehaviour.error),
      );
      expect(events.at(-1)!.data).toMatchObject({
        status: misbehaviour.status,
        allow_retry: misbehaviour.allowRetry,
      });

      // The bot query path: what fastapi_poe's client reads.
      const response = await fetch(`${platform.url}/bot/${handle}`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          version: "1.2",
          type: "query",
          query: [{ role: "user", content: "Tell me a story" }],
          user_id: "",
          conversation_id: "",
          message_id: "",
        }),
      });
      const received = await readEvents(response);
      const error = received.find((event) => event.event === "error");
      expect(error?.data).toMatchObject({
        text: message.error,
        allow_retry: misbehaviour.allowRetry ?? false,
      });
      expect(received.at(-1)?.event).toBe("done");
    });
  });
});
