import { openAiStream, startFakeOpenAi, type FakeVendorServer } from "@parlor/providers/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

/** Where the test looks at its screenshots of the Usage tab; docs/screenshots has the kept ones. */
const SHOTS = process.env.PARLOR_USAGE_SHOTS;

describe("usage and cost in the browser", () => {
  let fake: FakeVendorServer;
  let platform: E2ePlatform;
  let browser: Browser;
  let admin: E2eUser;
  beforeAll(async () => {
    // GPT-4o through a fake OpenAI that counts 1000 tokens in and 500 out for every reply.
    fake = await startFakeOpenAi(["gpt-4o"]);
    fake.reply(
      ...[1, 2].map(() =>
        openAiStream({ text: ["Counted."], usage: { input: 1000, output: 500 } }),
      ),
    );
    platform = await startE2ePlatform({
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    });
    browser = await launchBrowser();
    admin = await platform.createUser("admin@example.com");
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    await fake?.close();
  });

  it("shows a reply's tokens and cost on hover and on keyboard focus", async () => {
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/?bot=gpt-4o");
    const composer = page.getByRole("combobox", { name: /^Message / });
    await composer.fill("how much was that?");
    await composer.press("Enter");
    const usage = page.getByRole("button", { name: /^Usage:/ });
    await usage.waitFor();
    const words = "1,000 tokens in, 500 out · $0.0075";
    expect(await usage.getAttribute("aria-label")).toBe(`Usage: ${words}`);
    await usage.hover();
    await expect.poll(() => page.getByRole("tooltip").textContent()).toBe(words);
    // In steps, as a real pointer moves: Radix closes once the pointer leaves its grace area.
    await page.mouse.move(0, 0, { steps: 5 });
    await page.getByRole("tooltip").waitFor({ state: "detached" });

    // After a reload (from the stored message) and from the keyboard alone.
    await page.reload();
    await usage.waitFor();
    await usage.focus();
    await expect.poll(() => page.getByRole("tooltip").textContent()).toBe(words);
    await context.close();
  });

  it("sums usage per user and bot on the Usage tab, and edits prices and daily limits", async () => {
    await platform.running.platform.callLog.flush();
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await platform.contextFor(browser, admin, {
        colorScheme,
        viewport: { width: 1280, height: 1000 },
      });
      const page = await context.newPage();
      await page.goto("/admin");
      await page.getByRole("tab", { name: "Usage" }).click();
      const perBot = page.getByRole("table", { name: "Per bot" });
      await perBot.getByRole("rowheader", { name: "gpt-4o" }).waitFor();
      expect(await perBot.textContent()).toContain("$0.0075");
      expect(
        await page.getByRole("table", { name: "Per user" }).getByRole("row").nth(1).textContent(),
      ).toBe("admin@example.com11,000500$0.0075");
      expect(await seriousViolations(page)).toEqual([]);
      if (SHOTS)
        await page.screenshot({ path: `${SHOTS}/admin-usage-${colorScheme}.png`, fullPage: true });
      await context.close();
    }

    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByRole("tab", { name: "Usage" }).click();
    await page.getByRole("button", { name: "Add a price" }).click();
    await page.getByLabel("Provider", { exact: true }).fill("ollama");
    await page.getByLabel("Model", { exact: true }).fill("llama3.1:8b");
    await page.getByLabel("Input $ per 1M tokens").fill("0.1");
    await page.getByLabel("Output $ per 1M tokens").fill("0.2");
    await page.getByRole("button", { name: "Save prices" }).click();
    await page.getByText("Prices saved.").waitFor();
    expect(await admin.api("GET", "/api/admin/prices")).toMatchObject({
      overrides: [{ provider: "ollama", model: "llama3.1:8b", input_per_million: 0.1 }],
    });

    await page.getByLabel("Messages a day, everyone").fill("1");
    await page.getByRole("button", { name: "Save limits" }).click();
    await page.getByText("Daily limits saved.").waitFor();
    await context.close();

    // One message today already: the next is refused with the limit's own words.
    const chat = await platform.contextFor(browser, admin);
    const chatPage: Page = await chat.newPage();
    await chatPage.goto("/?bot=gpt-4o");
    const composer = chatPage.getByRole("combobox", { name: /^Message / });
    await composer.fill("one more?");
    await composer.press("Enter");
    await chatPage.getByText(/You have reached your daily limit of 1 messages a day/).waitFor();
    await chat.close();
  });
});
