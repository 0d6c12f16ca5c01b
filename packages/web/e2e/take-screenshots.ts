// Makes docs/screenshots/ from the e2e fixtures: the real platform, the scripted SDK bot and
// headless Chromium. Run with `npm run screenshots` (it builds first); not part of `npm test`.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openAiStream, startFakeOpenAi, type FakeVendorServer } from "@parlor/providers/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, it } from "vitest";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

const OUT = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let fake: FakeVendorServer;
let platform: E2ePlatform;
let browser: Browser;
let user: E2eUser;
let conversationPath: string;
let mentionPath: string;
let promptBotPath: string;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  // GPT-4o through a fake OpenAI, so Admin → Models, Usage and a prompt bot have a model.
  fake = await startFakeOpenAi(["gpt-4o", "gpt-4o-mini"]);
  platform = await startE2ePlatform({
    OPENAI_API_KEY: "sk-screenshots",
    OPENAI_BASE_URL: `${fake.url}/v1`,
  });
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
  // A prompt bot over GPT-4o, answering with follow-ups.
  await user.api("POST", "/api/bots", {
    kind: "prompt",
    handle: "tutor",
    display_name: "Maths Tutor",
    description: "Explains maths step by step, patiently.",
    greeting: "Hello! What would you like to learn today?",
    base_bot: "gpt-4o",
    prompt: "You are a patient maths tutor for {{user_name}}. Explain step by step.",
    suggest_replies: true,
  });
  fake.reply(
    openAiStream({
      text: [
        "A **fraction** is a part of a whole: ",
        "in $\\frac{3}{4}$, the whole is cut in 4 and you take 3.",
      ],
      usage: { input: 420, output: 38 },
    }),
    openAiStream({ text: ["Show me an example\nWhat is a denominator?\nGive me a quiz"] }),
  );
  await page.goto("/?bot=tutor");
  await send(page, "What is a fraction?");
  await page.getByRole("button", { name: "Give me a quiz" }).waitFor();
  promptBotPath = new URL(page.url()).pathname;
  await context.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.dispose();
  await fake?.close();
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
  options: { schemes?: ("light" | "dark")[]; phone?: boolean; signedOut?: boolean } = {},
) {
  for (const colorScheme of options.schemes ?? ["light", "dark"]) {
    for (const viewport of options.phone ? [DESKTOP, PHONE] : [DESKTOP]) {
      const context = options.signedOut
        ? await browser.newContext({ baseURL: platform.url, viewport, colorScheme })
        : await platform.contextFor(browser, user, { viewport, colorScheme });
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
  await shoot("prompt-bot", promptBotPath, (page) => page.getByText("Give me a quiz").waitFor(), {
    phone: true,
  });
  await shoot("admin-models", "/admin", async (page) => {
    await page.getByRole("tab", { name: "Models" }).click();
    await page.getByRole("button", { name: "Disable GPT-4o", exact: true }).waitFor();
  });
  await shoot("admin-usage", "/admin", async (page) => {
    await platform.running.platform.callLog.flush();
    await page.getByRole("tab", { name: "Usage" }).click();
    await page.getByRole("table", { name: "Per bot" }).waitFor();
  });
  await shoot("account", "/account", (page) =>
    page
      .getByRole("list", { name: "Your API keys" })
      .or(page.getByText("No API keys"))
      .first()
      .waitFor(),
  );
  await shoot("signup", "/signup", (page) => page.getByLabel("Email").waitFor(), {
    phone: true,
    signedOut: true,
  });
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
