import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getMessage,
  readReply,
  registerBot,
  sendMessage,
  sendToScriptedBot,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import type { ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** `GET /api/bots/:handle/calls/:id`, the parts these tests read. */
interface CallDetails {
  call: { status: string; error: string | null };
  events: { event: string; data: string }[];
  raw_response: string | null;
  events_truncated: boolean;
}

describe.each(TEST_DIALECTS)("a bot's own error details, on %s", (dialect) => {
  let platform: TestPlatform;
  let alice: TestClient;
  const closers: (BotTestServer | ScriptedBot)[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    alice = await platform.signUp("alice@example.com");
  });
  afterAll(async () => {
    await platform.dispose();
    await Promise.all(closers.map((bot) => bot.close()));
  });

  /** The details of the one call of `handle` so far. */
  async function onlyCall(handle: string): Promise<CallDetails> {
    const { calls } = await alice.json<{ calls: { id: string }[] }>(
      "GET",
      `/api/bots/${handle}/calls`,
    );
    expect(calls).toHaveLength(1);
    return alice.json<CallDetails>("GET", `/api/bots/${handle}/calls/${calls[0]!.id}`);
  }

  it("gives the owner the exception an SDK bot threw, and the user only the generic text", async () => {
    const logged: string[] = [];
    const server = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield "Looking it up…";
          throw new Error("database down");
        },
        logger: (message) => logged.push(message),
      }),
    );
    closers.push(server);
    await registerBot(alice, server, { handle: "broken" });
    const conversation = await startConversation(alice, "broken");
    const { botMessageId } = await sendMessage(alice, conversation, "Where is my order?");
    const streamed = await readReply(alice, botMessageId);

    const shown = await onlyCall("broken");
    expect(shown.call).toMatchObject({
      status: "error",
      error: "The bot encountered an unexpected issue.",
    });
    expect(shown.raw_response).toBe("Error: database down");
    // The chat user sees the generic text, in the live stream and in the stored message.
    const message = await getMessage(alice, botMessageId);
    expect(message).toMatchObject({
      status: "error",
      error: "The bot encountered an unexpected issue.",
    });
    expect(JSON.stringify(message)).not.toContain("database down");
    expect(JSON.stringify(streamed)).not.toContain("database down");
    // And the bot's own log has it.
    expect(logged).toHaveLength(1);
  });

  it("keeps the error event of a reply longer than the log's caps", async () => {
    const { bot, botMessageId } = await sendToScriptedBot(
      alice,
      (exchange) => {
        for (let index = 0; index < 600; index++) exchange.send("text", { text: "x" });
        exchange.send("error", { allow_retry: false, text: "Oops", raw_response: "quota spent" });
        exchange.send("done");
        exchange.end();
      },
      "long-then-broken",
    );
    closers.push(bot);
    await readReply(alice, botMessageId);
    const shown = await onlyCall("long-then-broken");
    expect(shown.events_truncated).toBe(true);
    expect(shown.events).toHaveLength(501);
    expect(shown.events.at(-1)?.event).toBe("error");
    expect(shown.raw_response).toBe("quota spent");
  });

  it("has no raw response for a call without a bot error", async () => {
    const { bot, botMessageId } = await sendToScriptedBot(
      alice,
      (exchange) => {
        exchange.send("text", { text: "Fine" });
        exchange.send("done");
        exchange.end();
      },
      "fine",
    );
    closers.push(bot);
    await readReply(alice, botMessageId);
    expect((await onlyCall("fine")).raw_response).toBeNull();
  });
});
