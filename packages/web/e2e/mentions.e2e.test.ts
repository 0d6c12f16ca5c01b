import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

describe("mentioning another bot in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let user: E2eUser;
  let context: BrowserContext;

  beforeAll(async () => {
    platform = await startE2ePlatform();
    browser = await launchBrowser();
    user = await platform.createUser("mentioner@example.com");
    await platform.startScriptedBot(user, "home");
    await platform.startScriptedBot(user, "critic");
    context = await platform.contextFor(browser, user, { viewport: { width: 1100, height: 800 } });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.dispose();
  });

  const composerOf = (page: Page) => page.getByRole("combobox", { name: "Message Scripted home" });
  const replyOf = (page: Page, bot: string) =>
    page.getByRole("article", { name: `${bot} said` }).last();

  it("offers the bots at @, picks one by keyboard, and shows its answer under its name", async () => {
    const page = await context.newPage();
    await page.goto("/?bot=home");
    const composer = composerOf(page);
    await composer.fill("hello");
    await composer.press("Enter");
    await page.waitForURL(/\/c\/conv_/);
    await expect.poll(() => replyOf(page, "Scripted home").textContent()).toContain("hello");

    await composer.pressSequentially("@cr");
    const picker = page.getByRole("listbox", { name: "Bots to mention" });
    await picker.waitFor();
    // The handle that starts with the text first; "Scripted home" only contains it.
    const options = await picker.getByRole("option").allTextContents();
    expect(options.map((text) => text.replace(/^.*@/, "@"))).toEqual(["@critic", "@home"]);
    expect(await composer.getAttribute("aria-expanded")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);

    // Esc closes it without stopping or sending anything; typing opens it again.
    await composer.press("Escape");
    await picker.waitFor({ state: "hidden" });
    await composer.pressSequentially("i");
    await picker.waitFor();
    await composer.press("Enter");
    await expect.poll(() => composer.inputValue()).toBe("@critic ");
    await picker.waitFor({ state: "hidden" });

    await composer.pressSequentially("what do you think?");
    await composer.press("Enter");
    await expect
      .poll(() => replyOf(page, "Scripted critic").textContent())
      .toContain("You said: @critic what do you think?");

    await replyOf(page, "Scripted critic").getByRole("button", { name: "Regenerate" }).waitFor();
    // The next plain message goes back to the conversation's own bot.
    await composer.fill("thanks");
    await composer.press("Enter");
    await expect.poll(() => replyOf(page, "Scripted home").textContent()).toContain("thanks");

    // Read again from the platform, each reply keeps its bot.
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByRole("article", { name: /^Scripted .* said$/ })
          .evaluateAll((items) => items.map((item) => item.getAttribute("aria-label"))),
      )
      .toEqual(["Scripted home said", "Scripted critic said", "Scripted home said"]);
    await page.close();
  });

  it("says so when a message mentions no bot, and keeps the text", async () => {
    const page = await context.newPage();
    await page.goto("/?bot=home");
    const composer = composerOf(page);
    await composer.fill("@nobody are you there?");
    await composer.press("Enter");
    await page.getByRole("alert").getByText("There is no bot @nobody you can use").waitFor();
    expect(await composer.inputValue()).toBe("@nobody are you there?");
    await page.close();
  });
});
