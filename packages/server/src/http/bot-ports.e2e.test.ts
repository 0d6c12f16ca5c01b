import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readReply, sendMessage, startConversation } from "../testing/bots/chat-helpers.js";
import { fakeInternet, type FakeInternet } from "../testing/fake-internet.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

const PUBLIC_BOT = "93.184.216.34";
const REFUSAL =
  "port 6379 of bots.example.com is refused: this platform calls only ports 443,8000-8999 (PARLOR_ALLOWED_BOT_PORTS); use one of them, or add the host to PARLOR_ALLOWED_BOT_HOSTS to allow it";

describe("PARLOR_ALLOWED_BOT_PORTS", () => {
  let platform: TestPlatform;
  let internet: FakeInternet;
  let bot: ReturnType<typeof createServer>;
  let alice: TestClient;
  beforeAll(async () => {
    // A bot on the public internet, answering on whatever port it is called.
    bot = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        if (body.includes('"settings"')) {
          response.writeHead(200, { "content-type": "application/json" }).end("{}");
          return;
        }
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.end('event: text\ndata: {"text":"hello"}\n\nevent: done\ndata: {}\n\n');
      });
    });
    await new Promise<void>((resolve) => bot.listen(0, "127.0.0.1", resolve));
    internet = fakeInternet();
    internet.host(PUBLIC_BOT, (bot.address() as AddressInfo).port);
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_ALLOW_LOOPBACK_BOTS: "false", PARLOR_ALLOWED_BOT_PORTS: "443,8000-8999" },
      overrides: { resolveHostname: async () => [PUBLIC_BOT] },
    });
    alice = await platform.signUp("alice@example.com");
  });
  afterAll(async () => {
    internet.restore();
    await platform.dispose();
    bot.close();
  });

  it("refuses a public host on another port at registration, with a plain message", async () => {
    const response = await alice.request("POST", "/api/bots", {
      handle: "redis",
      server_url: "http://bots.example.com:6379/",
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(REFUSAL);
  });

  it("accepts an allowed port, refuses the change to another one, and refuses it at call time", async () => {
    await alice.json("POST", "/api/bots", {
      handle: "ported",
      server_url: "http://bots.example.com:8000/",
    });
    const conversationId = await startConversation(alice, "ported");
    const first = await sendMessage(alice, conversationId, "hi");
    expect((await readReply(alice, first.botMessageId)).at(-1)?.data).toMatchObject({
      status: "complete",
      text: "hello",
    });

    const changed = await alice.request("PATCH", "/api/bots/ported", {
      server_url: "http://bots.example.com:6379/",
    });
    expect(changed.status).toBe(400);
    expect(JSON.stringify(await changed.json())).toContain(REFUSAL);

    // A row stored before the operator set the limit is refused when it is called.
    const row = await platform.platform.store.bots.findByHandle("ported");
    await platform.platform.store.bots.update(row!.id, {
      server_url: "http://bots.example.com:6379/",
      updated_at: Date.now(),
    });
    const attempts = internet.attempts.length;
    const second = await sendMessage(alice, await startConversation(alice, "ported"), "hi");
    const done = (await readReply(alice, second.botMessageId)).at(-1)?.data;
    expect(done).toMatchObject({ status: "error" });
    expect(JSON.stringify(done)).toContain("port 6379");
    expect(internet.attempts.length).toBe(attempts);
  });
});
