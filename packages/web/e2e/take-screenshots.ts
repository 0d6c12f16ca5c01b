// Makes docs/screenshots/ from the e2e fixtures: the real platform, the scripted SDK bot and
// headless Chromium. Run with `npm run screenshots` (it builds first); not part of `npm test`.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";
import { startMisbehavingBot, type MisbehavingBot } from "./support/misbehaving-bot.js";

const OUT = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let platform: E2ePlatform;
let browser: Browser;
let user: E2eUser;
let conversationPath: string;
let mentionPath: string;
let wobbly: MisbehavingBot;
let inspectorPath: string;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  platform = await startE2ePlatform();
  browser = await launchBrowser();
  user = await platform.createUser("ada@example.com");
  await platform.startScriptedBot(user, "helper");
  // A conversation with a finished Markdown reply and one that ended in an error.
  const context = await platform.contextFor(browser, user, { viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto("/?bot=helper");
  await send(page, "hello there");
  await page.waitForURL(/\/c\/conv_/);
  await page.getByRole("button", { name: "Tell me more" }).waitFor();
  await send(page, "/markdown");
  await page.getByText("And math").waitFor();
  conversationPath = new URL(page.url()).pathname;
  // A conversation where another bot is asked by its @handle.
  await platform.startScriptedBot(user, "critic");
  await page.goto("/?bot=helper");
  await send(page, "Draft a tagline for a tea shop");
  await page.waitForURL(/\/c\/conv_/);
  await page.getByRole("button", { name: "Tell me more" }).waitFor();
  await send(page, "@critic is that tagline any good?");
  await page.getByRole("article", { name: "Scripted critic said" }).getByText("You said").waitFor();
  mentionPath = new URL(page.url()).pathname;
  await context.close();
  // A bot that gets the protocol wrong, for the inspector's remarks.
  wobbly = await startMisbehavingBot();
  await user.api("POST", "/api/bots", {
    handle: "wobbly",
    server_url: wobbly.url,
    access_key: wobbly.accessKey,
    display_name: "Wobbly",
    description: "A bot that gets the protocol wrong on purpose.",
  });
  const { conversation } = await user.api<{ conversation: { id: string } }>(
    "POST",
    "/api/conversations",
    { bot: "wobbly" },
  );
  await user.api("POST", `/api/conversations/${conversation.id}/messages`, { content: "/sloppy" });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const { calls } = await user.api<{ calls: { id: string }[] }>("GET", "/api/bots/wobbly/calls");
  inspectorPath = `/bots/wobbly/calls?call=${calls[0]!.id}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.dispose();
  await wobbly?.close();
});

async function send(page: Page, text: string) {
  const composer = page.getByRole("combobox", { name: /^Message / });
  await composer.fill(text);
  await composer.press("Enter");
}

/** Opens `path` signed in, waits for `ready`, and saves `<name>-<scheme>-<width>.png`. */
async function shoot(
  name: string,
  path: string,
  ready: (page: Page) => Promise<unknown>,
  options: { schemes?: ("light" | "dark")[]; phone?: boolean } = {},
) {
  for (const colorScheme of options.schemes ?? ["light", "dark"]) {
    for (const viewport of options.phone ? [DESKTOP, PHONE] : [DESKTOP]) {
      const context = await platform.contextFor(browser, user, { viewport, colorScheme });
      const page = await context.newPage();
      await page.goto(path);
      await ready(page);
      await page.waitForTimeout(300);
      const size = viewport === PHONE ? "phone" : "desktop";
      await page.screenshot({ path: `${OUT}${name}-${colorScheme}-${size}.png` });
      await context.close();
    }
  }
}

it("takes the screenshots", async () => {
  await shoot("chat", conversationPath, (page) => page.getByText("And math").waitFor(), {
    phone: true,
  });
  await shoot("mention", mentionPath, async (page) => {
    await page.getByRole("article", { name: "Scripted critic said" }).waitFor();
    // With the @ picker open in the composer, as a user choosing a bot sees it.
    await page.getByRole("combobox", { name: /^Message / }).pressSequentially("@");
    await page.getByRole("listbox", { name: "Bots to mention" }).waitFor();
  });
  await shoot("explore", "/explore", (page) => page.getByText("Scripted helper").first().waitFor());
  await shoot("creator", "/bots/new", (page) =>
    page
      .getByLabel(/handle/i)
      .first()
      .waitFor(),
  );
  await shoot("call-log", "/bots/helper/calls", (page) =>
    page.getByRole("table").or(page.getByRole("list")).first().waitFor(),
  );
  await shoot(
    "inspector",
    inspectorPath,
    (page) => page.getByRole("list", { name: "Remarks about event 3" }).waitFor(),
    { phone: true },
  );
  await shoot(
    "error-reply",
    "/?bot=helper",
    async (page) => {
      await send(page, "/error");
      await page.getByText("The scripted bot failed on purpose.").waitFor();
    },
    { schemes: ["light"] },
  );
}, 300_000);
