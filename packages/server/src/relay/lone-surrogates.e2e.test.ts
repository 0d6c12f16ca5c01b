import { afterEach, describe, expect, it } from "vitest";
import {
  getMessage,
  readReply,
  sendToScriptedBot,
  visibleText,
} from "../testing/bots/chat-helpers.js";
import type { ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

describe.each(TEST_DIALECTS)("a lone surrogate a bot streams, on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  let bot: ScriptedBot | undefined;
  afterEach(async () => {
    await bot?.close();
    await platform?.dispose();
    platform = bot = undefined;
  });

  it("shows the same text live and after a reload", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    // JSON.stringify writes a lone surrogate as the escape \\ud83d, which is valid JSON.
    const sent = await sendToScriptedBot(
      alice,
      (exchange) => {
        exchange.send("text", { text: "broken \ud83d here, whole 😀" });
        exchange.send("done", {});
        exchange.end();
      },
      "surrogates",
    );
    bot = sent.bot;
    const live = visibleText(await readReply(alice, sent.botMessageId));
    const stored = (await getMessage(alice, sent.botMessageId)).content;
    const replayed = visibleText(await readReply(alice, sent.botMessageId));
    expect(stored).toBe(live);
    expect(replayed).toBe(live);
    expect(live).toBe("broken \uFFFD here, whole 😀");
  });
});
