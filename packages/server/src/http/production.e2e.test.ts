import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import { readReply, registerBot, startConversation } from "../testing/bots/chat-helpers.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

describe("running in production", () => {
  let platform: TestPlatform | undefined;
  let bot: BotTestServer | undefined;
  let folder: string | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await bot?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    platform = bot = folder = undefined;
  });

  it("refuses bots on loopback addresses, saying how to allow them", async () => {
    bot = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield "should not be reached";
        },
      }),
    );
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_ENV: "production", PARLOR_ALLOW_LOOPBACK_BOTS: "false" },
    });
    const alice = await platform.signUp("alice@example.com");
    const created = await alice.request("POST", "/api/bots", {
      handle: "internal",
      server_url: bot.url,
      access_key: bot.accessKey,
    });
    expect(created.status).toBe(400);
    expect(JSON.stringify(await created.json())).toMatch(/https|PARLOR_ALLOWED_BOT_HOSTS/);
  });

  it("reaches an allowlisted internal bot", async () => {
    bot = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield "internal hello";
        },
      }),
    );
    const host = new URL(bot.url).host;
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_ENV: "production", PARLOR_ALLOWED_BOT_HOSTS: host },
    });
    const alice = await platform.signUp("alice@example.com");
    await registerBot(alice, bot, { handle: "internal" });
    const conversationId = await startConversation(alice, "internal");
    const sent = await alice.json<{ bot_message: { id: string } }>(
      "POST",
      `/api/conversations/${conversationId}/messages`,
      { content: "hi" },
    );
    const events = await readReply(alice, sent.bot_message.id);
    expect(events.at(-1)?.data).toMatchObject({ status: "complete", text: "internal hello" });
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toMatch(/parlor_replies_total\{bot="[^"]+",status="complete"\} 1/);
    expect(metrics).toMatch(/parlor_bot_first_event_seconds_count\{bot="[^"]+"\} 1/);
  });

  it.skipIf(!hasOpenssl)("serves HTTPS when given a certificate and key", async () => {
    folder = mkdtempSync(join(tmpdir(), "parlor-tls-"));
    const [key, cert] = [join(folder, "key.pem"), join(folder, "cert.pem")];
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "pipe" },
    );
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_TLS_CERT: cert, PARLOR_TLS_KEY: key },
    });
    expect(platform.url.startsWith("https://")).toBe(true);
    const body = await new Promise<string>((resolve, reject) => {
      get(`${platform!.url}/healthz`, { rejectUnauthorized: false }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve(text));
      }).on("error", reject);
    });
    expect(JSON.parse(body)).toMatchObject({ ok: true });
  });
});
