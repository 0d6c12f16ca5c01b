import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

describe("explore, bot pages and the creator in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let owner: E2eUser;
  let botUrl: string;
  beforeAll(async () => {
    platform = await startE2ePlatform();
    browser = await launchBrowser();
    owner = await platform.createUser("creator@example.com");
    // A real SDK bot process; its access key is the one startScriptedBot registered it with.
    botUrl = await platform.startScriptedBot(owner, "scripted");
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const signedIn = async (options?: Parameters<Browser["newContext"]>[0]) => {
    const context = await platform.contextFor(browser, owner, options);
    return { context, page: await context.newPage() };
  };

  it("finds bots by name on Explore and opens one's page", async () => {
    const { context, page } = await signedIn();
    await page.goto("/explore");
    const bots = page.getByRole("list", { name: "Bots" });
    await bots.getByText("Scripted scripted").waitFor();
    expect(await bots.getByText("Echo", { exact: true }).isVisible()).toBe(true);
    await page.getByLabel("Search bots").fill("scrip");
    await bots.getByText("Echo", { exact: true }).waitFor({ state: "detached" });
    expect(await bots.getByRole("link").count()).toBe(1);
    await page.getByLabel("Search bots").fill("nothing like this");
    await page.getByText("No bot matches “nothing like this”").waitFor();
    await page.getByLabel("Search bots").fill("Scripted");
    await bots.getByRole("link").click();
    await page.waitForURL(/\/bots\/scripted$/);
    await page.getByRole("heading", { level: 1, name: "Scripted scripted" }).waitFor();
    expect(await page.getByRole("link", { name: "Start chat" }).getAttribute("href")).toBe(
      "/?bot=scripted",
    );
    expect(await page.getByRole("link", { name: "Call log" }).isVisible()).toBe(true);
    await context.close();
  });

  it("creates a server bot in the creator and shows its platform-made access key", async () => {
    const { context, page } = await signedIn();
    await page.goto("/bots/new");
    await page.getByRole("radio", { name: /^Server bot/ }).check();
    await page.getByLabel("Handle").fill("mine");
    await page.getByLabel("Display name").fill("My own bot");
    await page.getByLabel("Description").fill("Made in the browser.");
    await page.getByLabel("Webhook URL").fill(botUrl);
    await page.getByRole("radio", { name: /^Public/ }).check();
    await page.getByRole("button", { name: "Create bot" }).click();
    await page.waitForURL(/\/bots\/mine\/edit$/);
    await page.getByText("@mine is created").waitFor();
    const accessKey = await page.getByLabel("Access key", { exact: true }).inputValue();
    expect(accessKey).toHaveLength(32);
    const bot = await owner.api<{ bot: { display_name: string; visibility: string } }>(
      "GET",
      "/api/bots/mine",
    );
    expect(bot.bot).toMatchObject({ display_name: "My own bot", visibility: "public" });
    await context.close();
  });

  it("puts the platform's refusal on the field it names", async () => {
    const { context, page } = await signedIn();
    await page.goto("/bots/new");
    await page.getByRole("radio", { name: /^Server bot/ }).check();
    await page.getByLabel("Handle").fill("scripted");
    await page.getByLabel("Webhook URL").fill(botUrl);
    await page.getByRole("button", { name: "Create bot" }).click();
    const handleError = page.getByLabel("Handle");
    await expect.poll(() => handleError.getAttribute("aria-invalid")).toBe("true");
    await context.close();
  });

  it("tests the connection and says in words that the bot refused the access key", async () => {
    // "mine" runs at the scripted bot's address, which expects another key than Parlor made.
    const { context, page } = await signedIn();
    await page.goto("/bots/mine/edit");
    await page.getByRole("button", { name: "Test connection" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "refused the access key" });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/HTTP 40[13]/);
    // The right key, typed into the bot's own registration, connects.
    await page.goto("/bots/scripted/edit");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("Connected.").waitFor();
    await context.close();
  });

  it("uploads an avatar, and rotates the access key behind a confirmation", async () => {
    const { context, page } = await signedIn();
    await page.goto("/bots/scripted/edit");
    const before = await page.getByLabel("Access key", { exact: true }).inputValue();
    await page.getByRole("button", { name: "Rotate" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
    await expect
      .poll(() => page.getByLabel("Access key", { exact: true }).inputValue())
      .not.toBe(before);
    // A 2×2 PNG, so the test needs no file on disk.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DAwMDAwMAAABQAAf+W4NAAAAAASUVORK5CYII=",
      "base64",
    );
    await page
      .getByLabel("Avatar")
      .setInputFiles({ name: "a.png", mimeType: "image/png", buffer: png });
    await page.getByText("Avatar saved.").waitFor();
    const { bot } = await owner.api<{ bot: { avatar_url: string | null } }>(
      "GET",
      "/api/bots/scripted",
    );
    expect(bot.avatar_url).toMatch(/^\//);
    await page.getByRole("button", { name: "Remove" }).waitFor();
    await page
      .getByLabel("Avatar")
      .setInputFiles({ name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("no") });
    await page.getByText("Choose a PNG, JPEG, WebP or GIF picture.").waitFor();
    await context.close();
  });

  it("runs the conformance check as a readable list", async () => {
    const { context, page } = await signedIn();
    await page.goto("/bots/scripted/edit");
    await page.getByRole("button", { name: "Check my bot" }).click();
    const checks = page.getByRole("list", { name: "Conformance checks" });
    await checks.waitFor({ timeout: 15_000 });
    expect(await checks.getByRole("listitem").count()).toBeGreaterThan(3);
    await context.close();
  });

  it("saves an edit with a toast, and deletes the bot behind a confirmation", async () => {
    const { context, page } = await signedIn();
    await page.goto("/bots/mine/edit");
    await page.getByLabel("Description").fill("Changed in the browser.");
    await page.getByRole("radio", { name: /^Last messages only/ }).check();
    await page.getByLabel("Number of messages").fill("5");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();
    const saved = await owner.api<{ bot: { description: string; memory_last_n: number } }>(
      "GET",
      "/api/bots/mine",
    );
    expect(saved.bot).toMatchObject({ description: "Changed in the browser.", memory_last_n: 5 });
    await page.getByRole("button", { name: "Delete bot" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete bot" }).click();
    await page.waitForURL(/\/explore$/);
    await expect(owner.api("GET", "/api/bots/mine")).rejects.toThrow(/404/);
    await context.close();
  });

  it("has no serious accessibility violations on its pages, light or dark", async () => {
    const pages: [string, (page: Page) => Promise<unknown>][] = [
      ["/explore", (page) => page.getByRole("list", { name: "Bots" }).waitFor()],
      ["/bots/scripted", (page) => page.getByRole("link", { name: "Start chat" }).waitFor()],
      ["/bots/new", (page) => page.getByLabel("Handle").waitFor()],
      ["/bots/scripted/edit", (page) => page.getByLabel("Access key", { exact: true }).waitFor()],
      ["/bots/scripted/calls", (page) => page.getByRole("table").waitFor()],
      ["/account", (page) => page.getByRole("list", { name: "Your API keys" }).waitFor()],
    ];
    await owner.api("POST", "/api/keys", { name: "For the axe run" });
    // One call, so the call log shows its table rather than its empty state.
    const { conversation } = await owner.api<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "scripted" },
    );
    await owner.api("POST", `/api/conversations/${conversation.id}/messages`, { content: "hi" });
    for (const colorScheme of ["light", "dark"] as const) {
      const { context, page } = await signedIn({ colorScheme });
      for (const [path, ready] of pages) {
        await page.goto(path);
        await ready(page);
        expect({ path, colorScheme, violations: await seriousViolations(page) }).toEqual({
          path,
          colorScheme,
          violations: [],
        });
      }
      await context.close();
    }
  }, 120_000);
});
