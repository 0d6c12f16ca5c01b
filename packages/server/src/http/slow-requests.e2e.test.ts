import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import {
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection to the platform, with what it received and when it was closed. */
async function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const openedAt = Date.now();
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  socket.on("error", () => {});
  const closed = new Promise<number>((resolve) =>
    socket.once("close", () => resolve(Date.now() - openedAt)),
  );
  return { socket, closed, received: () => received };
}

const loginBody = JSON.stringify({ email: "nobody@example.com", password: "not the password" });

// Timeouts of one second here (ten by default) keep the test short; the mechanism is the same.
describe("slow clients", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_HEADERS_TIMEOUT_SECONDS: "1", PARLOR_BODY_IDLE_TIMEOUT_SECONDS: "1" },
    });
  });
  afterAll(() => platform.dispose());

  it("closes a connection whose headers never finish, within the headers timeout", async () => {
    const connection = await rawConnection(platform.url);
    connection.socket.write("GET /healthz HTTP/1.1\r\nHost: parlor.test\r\n");
    const elapsed = await connection.closed;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(3000);
    expect(connection.received()).not.toContain("200 OK");
  });

  it("closes a connection whose body is shorter than its Content-Length, within the idle timeout", async () => {
    const connection = await rawConnection(platform.url);
    connection.socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: parlor.test\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${loginBody.length + 50}\r\n\r\n${loginBody}`,
    );
    const elapsed = await connection.closed;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(3000);
    expect(connection.received()).toBe("");
  });

  it("takes a body that keeps arriving, however long it takes in all", async () => {
    const connection = await rawConnection(platform.url);
    connection.socket.write(
      `POST /api/auth/login HTTP/1.1\r\nHost: parlor.test\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${loginBody.length}\r\nConnection: close\r\n\r\n`,
    );
    // About 2.5 s in all, more than twice the idle timeout, but never idle for long.
    const pieces = loginBody.match(/.{1,6}/g)!;
    const pause = Math.ceil(2500 / pieces.length);
    for (const piece of pieces) {
      await sleep(pause);
      connection.socket.write(piece);
    }
    await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 401 /);
  });

  it("keeps an idle keep-alive connection for the next request", async () => {
    const connection = await rawConnection(platform.url);
    const request = "GET /healthz HTTP/1.1\r\nHost: parlor.test\r\n\r\n";
    connection.socket.write(request);
    await sleep(2500);
    connection.socket.write(request);
    await sleep(300);
    expect(connection.received().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    connection.socket.destroy();
  });

  describe("a reply that streams for longer than every timeout", () => {
    let bot: ScriptedBot;
    afterAll(() => bot.close());

    it("reaches its end", async () => {
      bot = await startScriptedBot(async (exchange) => {
        exchange.open();
        for (const word of ["slow ", "and ", "steady"]) {
          await sleep(1200);
          exchange.send("text", { text: word });
        }
        exchange.send("done", {});
        exchange.end();
      });
      const alice = await platform.signUp("alice@example.com");
      await registerBot(alice, bot, { handle: "slowpoke" });
      const conversationId = await startConversation(alice, "slowpoke");
      const { botMessageId } = await sendMessage(alice, conversationId, "take your time");
      const events = await readReply(alice, botMessageId);
      expect(events.at(-1)?.data).toMatchObject({ status: "complete", text: "slow and steady" });
    });
  });
});
