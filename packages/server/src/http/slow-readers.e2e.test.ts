import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  getMessage,
  openStream,
  readReply,
  readToDone,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

/** Events of 90,000 characters each: ~15 MB in all (under the 16 MiB a reply body may be), past what socket buffers absorb. */
const EVENTS = 170;
const versionOf = (index: number) => `${index}:`.padEnd(90_000, "x");

/** Opens a reply stream on a raw socket and never reads it (until `drain`). */
function stalledReader(url: string, cookie: string, messageId: string) {
  const { host, port } = new URL(url);
  const socket: Socket = connect({ host: host.split(":")[0], port: Number(port) });
  socket.write(
    `GET /api/messages/${messageId}/stream HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\n\r\n`,
  );
  socket.pause();
  return {
    /** Reads what the platform had sent before it gave up on this reader, to the socket's end. */
    drain(): Promise<string> {
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        socket.on("data", (chunk: Buffer) => chunks.push(chunk));
        socket.on("error", reject);
        socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
        socket.resume();
      });
    },
  };
}

describe("a reader slower than the bot", () => {
  let platform: TestPlatform | undefined;
  let bot: ScriptedBot | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await bot?.close();
  });

  it("is dropped once it leaves more than 1 MiB unread, slows nobody, and resumes from its last id", async () => {
    platform = await startTestPlatform("sqlite");
    const user = await platform.signUp("user@example.com");
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    bot = await startScriptedBot(async (exchange) => {
      exchange.open();
      await started;
      for (let index = 0; index < EVENTS; index++) {
        exchange.send("replace_response", { text: versionOf(index) });
        // Let the socket breathe now and then, as a real bot's writes would.
        if (index % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      exchange.send("done");
      exchange.end();
    });
    await registerBot(user, bot, { handle: "firehose" });
    const conversationId = await startConversation(user, "firehose");
    const { botMessageId } = await sendMessage(user, conversationId, "Go");

    const slow = stalledReader(platform.url, user.cookie, botMessageId);
    const fast = await openStream(user, botMessageId);
    // Both readers are attached before the bot writes its first event.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();

    const fastEvents = await readToDone(fast);
    expect(fastEvents.at(-1)!.data).toMatchObject({ status: "complete" });
    expect(fastEvents.filter((event) => event.event === "replace_response")).toHaveLength(EVENTS);
    expect(fastEvents.at(-1)!.data).toMatchObject({ status: "complete" });
    expect((await getMessage(user, botMessageId)).content).toBe(versionOf(EVENTS - 1));

    // The stalled reader's connection was closed before it got the whole reply…
    const raw = await slow.drain();
    const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
    expect(body).not.toContain("event: done");
    const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(EVENTS);
    // …and it resumes from the last event it had, missing nothing.
    const rest = await readReply(user, botMessageId, String(ids.at(-1)! - 1));
    expect(rest[0]!.id).toBe(String(ids.at(-1)));
    expect(rest.at(-1)!.data).toMatchObject({ status: "complete" });
  });
});
