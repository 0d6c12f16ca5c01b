import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";
import { startMisbehavingBot, type MisbehavingBot } from "./support/misbehaving-bot.js";

interface ListedCall {
  id: string;
  status: string;
  request_type: string;
}

describe("the call inspector in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let owner: E2eUser;
  let bot: MisbehavingBot;

  beforeAll(async () => {
    // The platform waits longer than Poe's 5 s for a first event, so a late one reaches the
    // log and the inspector can say what Poe's users would have seen.
    platform = await startE2ePlatform({}, { limits: { firstEventTimeoutMs: 10_000 } });
    browser = await launchBrowser();
    owner = await platform.createUser("inspector@example.com");
    bot = await startMisbehavingBot();
    await owner.api("POST", "/api/bots", {
      handle: "wobbly",
      server_url: bot.url,
      access_key: bot.accessKey,
      display_name: "Wobbly",
      description: "A bot that gets the protocol wrong on purpose.",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    await bot?.close();
  });

  /** Sends `content` to the bot in a new conversation; returns the reply's message id. */
  async function sendToBot(content: string): Promise<string> {
    const { conversation } = await owner.api<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "wobbly" },
    );
    const sent = await owner.api<{ bot_message: { id: string } }>(
      "POST",
      `/api/conversations/${conversation.id}/messages`,
      { content },
    );
    return sent.bot_message.id;
  }

  /** Waits until the reply has ended; returns the newest call of the bot. */
  async function finishedCall(messageId: string): Promise<ListedCall> {
    for (let tries = 0; tries < 200; tries++) {
      const { message } = await owner.api<{ message: { status: string } }>(
        "GET",
        `/api/messages/${messageId}`,
      );
      if (message.status !== "streaming") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { calls } = await owner.api<{ calls: ListedCall[] }>("GET", "/api/bots/wobbly/calls");
    return calls[0]!;
  }

  async function openPage(path: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
    const context = await platform.contextFor(browser, owner, {
      viewport: { width: 1200, height: 900 },
      colorScheme,
    });
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  const inspector = (page: Page) => page.getByRole("region", { name: "Call inspector" });

  it("explains a malformed event next to it", async () => {
    const call = await finishedCall(await sendToBot("/malformed"));
    const page = await openPage("/bots/wobbly/calls");
    await page.getByRole("table").getByRole("button").first().click();
    await page.waitForURL(new RegExp(`call=${call.id}`));
    const second = inspector(page).getByRole("list", { name: "Remarks about event 2" });
    await second.getByText("text event data is not valid JSON:").waitFor();
    expect(await second.textContent()).toMatch(/^Error: text event data is not valid JSON: \S/);
    // The first event is fine: nothing is said about it.
    expect(await inspector(page).getByRole("list", { name: "Remarks about event 1" }).count()).toBe(
      0,
    );
    expect(await inspector(page).textContent()).toContain("The bot sent a malformed reply");
    await page.context().close();
  });

  it("has no serious accessibility violations with errors and warnings shown, light or dark", async () => {
    const sloppy = await finishedCall(await sendToBot("/sloppy"));
    const malformed = await finishedCall(await sendToBot("/malformed"));
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await openPage(`/bots/wobbly/calls?call=${sloppy.id}`, colorScheme);
      const remark = inspector(page).getByRole("list", { name: "Remarks about event 2" });
      expect(await remark.textContent()).toBe(
        "Warning: sparkle is not a protocol event: it is ignored",
      );
      // The folded request opens from the keyboard.
      await inspector(page)
        .getByText(/^Request \(/)
        .focus();
      await page.keyboard.press("Enter");
      await inspector(page).getByLabel("The request as JSON").waitFor();
      expect({ colorScheme, violations: await seriousViolations(page) }).toEqual({
        colorScheme,
        violations: [],
      });
      await page.goto(`/bots/wobbly/calls?call=${malformed.id}`);
      await inspector(page).getByText("1 error").waitFor();
      expect({ colorScheme, violations: await seriousViolations(page) }).toEqual({
        colorScheme,
        violations: [],
      });
      await page.context().close();
    }
  }, 60_000);

  it("says when the first event came too late for Poe's users", async () => {
    const call = await finishedCall(await sendToBot("/late"));
    const page = await openPage(`/bots/wobbly/calls?call=${call.id}`);
    const first = inspector(page).getByRole("list", { name: "Remarks about event 1" });
    await first.waitFor();
    expect(await first.textContent()).toMatch(
      /^Error: first event after 5\.[5-9] s: users see a timeout at 5 s$/,
    );
    await page.context().close();
  }, 30_000);

  it("shows a running call's events as they arrive, then its end", async () => {
    const messageId = await sendToBot("/live");
    const page = await openPage("/bots/wobbly/calls");
    // The running call heads the list; open it.
    const row = page.getByRole("row").filter({ hasText: "Running" });
    await row.getByRole("button").click();
    const events = inspector(page).getByRole("list", { name: "Events" });
    await events.getByText("Step one.").waitFor();
    await inspector(page).getByText("Live: 1 event so far").waitFor();
    expect(await events.getByText("Step two.").count()).toBe(0);

    bot.release();
    await events.getByText("Step two.").waitFor();
    // Seen while the bot is still writing: it has not sent `done` yet.
    expect(await inspector(page).getByText("Running", { exact: true }).isVisible()).toBe(true);
    await inspector(page).getByText("Live: 2 events so far").waitFor();

    bot.release();
    await inspector(page).getByText("OK", { exact: true }).waitFor();
    await inspector(page).getByText("No problems found").waitFor();
    expect(await events.getByRole("listitem").count()).toBe(3);
    await finishedCall(messageId);
    await page.context().close();
  });

  it("replays a request as a new call and follows it live", async () => {
    // A /live reply let through at once: both of its steps are released ahead.
    bot.release();
    bot.release();
    const original = await finishedCall(await sendToBot("/live"));
    const before = bot.queries.length;
    const page = await openPage(`/bots/wobbly/calls?call=${original.id}`);
    await inspector(page).getByText("No problems found").waitFor();
    await page.getByRole("button", { name: "Replay this request" }).click();
    await page.waitForURL(
      (url) => !url.search.includes(original.id) && url.search.includes("call="),
    );
    await inspector(page).getByText("Replay", { exact: true }).waitFor();
    await inspector(page).getByText("Live: 1 event so far").waitFor();
    expect(bot.queries).toHaveLength(before + 1);
    expect(bot.queries.at(-1)).toEqual(bot.queries[before - 1]);

    bot.release();
    bot.release();
    await inspector(page).getByText("OK", { exact: true }).waitFor();
    const { calls } = await owner.api<{ calls: ListedCall[] }>("GET", "/api/bots/wobbly/calls");
    expect(calls[0]).toMatchObject({ request_type: "replay", status: "ok" });
    expect(page.url()).toContain(`call=${calls[0]!.id}`);
    // And the list shows it, as a replay.
    await page.getByRole("table").getByText("Replay").waitFor();
    await page.context().close();
  });
});
