import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import { startServer } from "../start-server.js";
import {
  getMessage,
  openStream,
  readToDone,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";
import { createNodeServer } from "./create-node-server.js";
import { ListenError } from "./listen-on-port.js";

describe("a second start on a busy port", () => {
  let platform: TestPlatform | undefined;
  let bot: ScriptedBot | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await bot?.close();
  });

  it("fails with a plain sentence and leaves the running instance's replies alone", async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    bot = await startScriptedBot(async (exchange) => {
      exchange.open();
      exchange.send("text", { text: "first half, " });
      await released;
      exchange.send("text", { text: "second half" });
      exchange.send("done", {});
      exchange.end();
    });
    platform = await startTestPlatform("sqlite");
    const alice = await platform.signUp("alice@example.com");
    await registerBot(alice, bot, { handle: "steady" });
    const conversationId = await startConversation(alice, "steady");
    const { botMessageId } = await sendMessage(alice, conversationId, "go on");
    const stream = await openStream(alice, botMessageId);
    expect((await stream.next()).data).toMatchObject({ text: "first half, " });

    const port = new URL(platform.url).port;
    const second = loadConfig({
      PORT: port,
      PARLOR_DATA_DIR: platform.database.dataDir,
      PARLOR_SECRET: "test-secret-test-secret-test-secret-0123",
      LOG_LEVEL: "silent",
    });
    const failure = await startServer(second).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ListenError);
    expect((failure as Error).message).toBe(
      `port ${port} is in use: is Parlor already running? Stop the other process, or set PORT (or --port) to a free port`,
    );
    // A start that had opened the database would have closed this reply as interrupted.
    expect((await getMessage(alice, botMessageId)).status).toBe("streaming");

    release();
    const events = await readToDone(stream);
    expect(events.at(-1)?.data).toMatchObject({
      status: "complete",
      text: "first half, second half",
    });
    expect(await getMessage(alice, botMessageId)).toMatchObject({
      status: "complete",
      content: "first half, second half",
    });
  });
});

describe("requests that arrive before the platform is ready", () => {
  it("are answered 503 with Retry-After", async () => {
    const server = createNodeServer(
      {
        tls: undefined,
        requestTimeouts: { headersMs: 10_000, bodyIdleMs: 10_000, totalMs: 60_000 },
      },
      () => undefined,
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toEqual({
        error: { code: "starting", message: "Parlor is starting; try again in a moment" },
      });
    } finally {
      server.close();
    }
  });
});
