import { afterEach, describe, expect, it } from "vitest";
import {
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import {
  startScriptedBot,
  type QueryScript,
  type ScriptedBot,
} from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** Asks for its settings to be fetched again in every reply, as a bot that just changed them. */
const asksForSettings: QueryScript = (exchange) => {
  exchange.send("meta", { content_type: "text/markdown", refetch_settings: true });
  exchange.send("text", { text: "ok" });
  exchange.send("done");
  exchange.end();
};

const MINUTE = 60_000;

describe("meta.refetch_settings", () => {
  let platform: TestPlatform | undefined;
  let bot: ScriptedBot | undefined;
  let now = Date.now();
  afterEach(async () => {
    await platform?.dispose();
    await bot?.close();
    platform = bot = undefined;
  });

  async function start(settingsStatus?: number): Promise<TestClient> {
    now = Date.now();
    bot = await startScriptedBot(asksForSettings, settingsStatus ? { settingsStatus } : {});
    platform = await startTestPlatform("sqlite", { overrides: { clock: () => now } });
    const alice = await platform.signUp("alice@example.com");
    await registerBot(alice, bot, { handle: "fickle" });
    return alice;
  }

  /** Sends `count` messages at once, each in a conversation of its own, and reads every reply. */
  async function replies(client: TestClient, count: number): Promise<void> {
    const conversations = await Promise.all(
      Array.from({ length: count }, () => startConversation(client, "fickle")),
    );
    const sent = await Promise.all(conversations.map((id) => sendMessage(client, id, "hi")));
    const ends = await Promise.all(
      sent.map(async ({ botMessageId }) => (await readReply(client, botMessageId)).at(-1)),
    );
    expect(ends.map((end) => end?.data.status)).toEqual(Array(count).fill("complete"));
  }

  /** The settings requests the bot has received, once any started in the background arrive. */
  async function settingsRequests(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return bot!.received("settings").length;
  }

  it("asks a bot at most once a minute, however many replies ask at once", async () => {
    const alice = await start();
    expect(await settingsRequests()).toBe(1); // on creation

    // Within a minute of the fetch on creation: nothing to do.
    await replies(alice, 3);
    expect(await settingsRequests()).toBe(1);

    now += MINUTE + 1;
    await replies(alice, 4);
    expect(await settingsRequests()).toBe(2);
    await replies(alice, 1);
    await replies(alice, 1);
    expect(await settingsRequests()).toBe(2);

    now += MINUTE + 1;
    await replies(alice, 2);
    expect(await settingsRequests()).toBe(3);
  });

  it("asks a bot whose settings request fails at most once a minute too", async () => {
    const alice = await start(500);
    expect(await settingsRequests()).toBe(1); // on creation, failed

    await replies(alice, 3);
    await replies(alice, 1);
    await replies(alice, 1);
    expect(await settingsRequests()).toBe(2);

    now += MINUTE + 1;
    await replies(alice, 3);
    expect(await settingsRequests()).toBe(3);
    const { bot: shown } = await alice.json<{ bot: { settings_fetched_at: number | null } }>(
      "GET",
      "/api/bots/fickle",
    );
    expect(shown.settings_fetched_at).toBeNull();
  });
});
