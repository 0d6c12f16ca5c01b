import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readReply,
  registerBot,
  sendMessage,
  settledMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe.each(TEST_DIALECTS)("an SDK bot slow to send its first event, on %s", (dialect) => {
  let platform: TestPlatform;
  let alice: TestClient;
  let server: BotTestServer;

  beforeAll(async () => {
    // The protocol's 5 s against a 7 s bot, scaled down: 300 ms against 700 ms.
    platform = await startTestPlatform(dialect, {
      overrides: { limits: { firstEventTimeoutMs: 300 } },
    });
    alice = await platform.signUp("alice@example.com");
    server = await createBotTestServer(
      defineBot({
        async *onQuery(_request, context) {
          await new Promise((resolve) => setTimeout(resolve, 700));
          if (!context.signal.aborted) yield "Sorry, I was thinking";
        },
      }),
    );
    await registerBot(alice, server, { handle: "slow" });
  });
  afterAll(async () => {
    await platform.dispose();
    await server.close();
  });

  it("times out at the first-event deadline, not the JSON reply's", async () => {
    const conversation = await startConversation(alice, "slow");
    const { botMessageId } = await sendMessage(alice, conversation, "Hello?");
    await readReply(alice, botMessageId);
    const message = await settledMessage(alice, botMessageId);
    expect(message).toMatchObject({ status: "error", content: "" });
    expect(message.error).toMatch(/did not start its reply within/);
  });
});
