import { startFakeOpenAi, type FakeVendorServer } from "@parlor/providers/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

describe("the admin page's Models tab in the browser", () => {
  let fake: FakeVendorServer;
  let platform: E2ePlatform;
  let browser: Browser;
  let admin: E2eUser;
  beforeAll(async () => {
    fake = await startFakeOpenAi(["gpt-4o"]);
    platform = await startE2ePlatform({ OPENAI_BASE_URL: `${fake.url}/v1` });
    browser = await launchBrowser();
    admin = await platform.createUser("admin@example.com");
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    await fake?.close();
  });

  it("takes an OpenAI key, never shows it again, and the model shows in Explore with its vendor", async () => {
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByRole("tab", { name: "Models" }).click();
    const openai = page.getByRole("listitem", { name: "OpenAI" });
    await openai.getByText("Not configured").waitFor();
    await openai.getByLabel(/API key \(not set/).fill("sk-typed-in-the-browser");
    await openai.getByRole("button", { name: "Save key" }).click();
    await openai.getByText("OK", { exact: true }).waitFor();
    await openai.getByRole("button", { name: "Disable GPT-4o" }).waitFor();
    expect(await openai.getByLabel(/API key \(set/).inputValue()).toBe("");
    expect(await page.content()).not.toContain("sk-typed-in-the-browser");
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-typed-in-the-browser");

    await page.goto("/explore");
    await page.getByText("Model · OpenAI").first().waitFor();
    await context.close();
  });
});
