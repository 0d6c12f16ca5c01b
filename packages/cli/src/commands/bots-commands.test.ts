import { defineBot, meta } from "@parlor/sdk";
import { serve } from "@parlor/sdk/node";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliWorkspace } from "../testing/run-cli.js";

const greeter = defineBot({
  async *onQuery() {
    yield meta({ suggestedReplies: false });
    yield "Hello!";
  },
  settings: {
    introduction_message: "I greet people.",
    server_bot_dependencies: { "GPT-4o": 2 },
  },
  onError: () => {},
});

const cli = createCliWorkspace();
let bot: BotTestServer;
beforeAll(async () => {
  bot = await createBotTestServer(greeter);
  await cli.createDatabase();
  await cli.run(["users", "create", "--email", "owner@example.com", "--password-stdin"], {
    input: "correct horse\n",
  });
});
afterAll(async () => {
  await bot.close();
  cli.dispose();
});

describe("parlor bots", () => {
  it("creates a bot with its key, then syncs and shows its settings", async () => {
    const created = await cli.run([
      "bots",
      "create",
      "--owner",
      "owner@example.com",
      "--name",
      "greeter",
      "--server-url",
      bot.url,
      "--access-key",
      bot.accessKey,
      "--display-name",
      "Greeter",
    ]);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toContain(`Access key: ${bot.accessKey}\n`);

    const synced = await cli.run(["bots", "sync", "greeter"]);
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain("Introduction message: I greet people.");
    expect(synced.stdout).toContain("Dependencies: GPT-4o (2 per message)");
  });

  it("generates a 32-character key and says when the bot could not be reached", async () => {
    const created = await cli.run([
      "bots",
      "create",
      "--owner",
      "owner@example.com",
      "--name",
      "offline",
      "--server-url",
      "http://127.0.0.1:1",
      "--private",
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Access key: [A-Za-z0-9]{32}$/m);
    expect(created.stderr).toMatch(/Settings not fetched.*parlor bots sync offline/);
  });

  it("checks a good bot (exit 0) and a bot that ignores its key (exit 1)", async () => {
    const good = await cli.run(["bots", "check", bot.url, "--access-key", bot.accessKey]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("✓ query: ");
    expect(good.stdout).toContain("All checks passed.");

    const careless = await serve(greeter, {
      port: 0,
      host: "127.0.0.1",
      allowWithoutKey: true,
      env: {},
    });
    try {
      const bad = await cli.run(["bots", "check", careless.url, "--access-key", "k".repeat(32)]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^✗ wrong_access_key: accepted a wrong access key/m);
      expect(bad.stdout).toContain("1 check(s) failed.");
    } finally {
      await careless.close();
    }
  });
});
