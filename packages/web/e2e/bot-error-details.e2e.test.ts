import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

describe("an SDK bot's exception in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let owner: E2eUser;
  let bot: BotTestServer;
  let conversationId: string;

  beforeAll(async () => {
    platform = await startE2ePlatform();
    browser = await launchBrowser();
    owner = await platform.createUser("owner@example.com");
    bot = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield "Looking it up…";
          throw new Error("database down");
        },
        logger: () => {}, // the SDK's own tests check what it logs
      }),
    );
    await owner.api("POST", "/api/bots", {
      handle: "broken",
      server_url: bot.url,
      access_key: bot.accessKey,
    });
    const { conversation } = await owner.api<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "broken" },
    );
    conversationId = conversation.id;
    const sent = await owner.api<{ bot_message: { id: string } }>(
      "POST",
      `/api/conversations/${conversationId}/messages`,
      { content: "Where is my order?" },
    );
    for (let tries = 0; tries < 200; tries++) {
      const { message } = await owner.api<{ message: { status: string } }>(
        "GET",
        `/api/messages/${sent.bot_message.id}`,
      );
      if (message.status !== "streaming") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    await bot?.close();
  });

  async function openPage(path: string): Promise<Page> {
    const context = await platform.contextFor(browser, owner, {
      viewport: { width: 1200, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  it("shows the owner the exception in the call log, and the chat only the generic error", async () => {
    const { calls } = await owner.api<{ calls: { id: string }[] }>("GET", "/api/bots/broken/calls");
    const page = await openPage(`/bots/broken/calls?call=${calls[0]!.id}`);
    const details = page.getByLabel("The bot's error details");
    await details.waitFor();
    expect(await details.textContent()).toBe("Error: database down");

    await page.goto(`/c/${conversationId}`);
    await page.getByText("The bot encountered an unexpected issue.").waitFor();
    expect(await page.locator("body").textContent()).not.toContain("database down");
    await page.context().close();
  });
});
