import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform } from "./support/e2e-platform.js";

describe("accounts in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startE2ePlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("sends a signed-out visitor to the login page, and back after signing up", async () => {
    const context = await browser.newContext({ baseURL: platform.url });
    const page = await context.newPage();
    await page.goto("/explore");
    await page.waitForURL(/\/login/);
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Email").fill("newcomer@example.com");
    await page.getByLabel("Password").fill("a long password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${platform.url}/`);
    await expect(
      page.getByRole("link", { name: "newcomer@example.com" }).isVisible(),
    ).resolves.toBe(true);
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === "parlor_session")?.httpOnly).toBe(true);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain("parlor");
    await context.close();
  });

  it("shows a wrong password as words on the form", async () => {
    await platform.createUser("someone@example.com");
    const context = await browser.newContext({ baseURL: platform.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill("someone@example.com");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "Wrong email or password",
    );
    await context.close();
  });

  it("shows a new API key once, and revokes a key behind a confirmation", async () => {
    const user = await platform.createUser("keys@example.com");
    const context = await platform.contextFor(browser, user);
    const page = await context.newPage();
    await page.goto("/account");
    await page.getByLabel("Key name").fill("My script");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = await page.getByLabel("The new API key").textContent();
    expect(key).toMatch(/^pk_/);
    expect(await page.getByText("this is the only time Parlor shows it").isVisible()).toBe(true);
    const keys = page.getByRole("list", { name: "Your API keys" });
    await keys.getByText("My script").waitFor();
    expect(await keys.textContent()).not.toContain(key!);
    await page.reload();
    await keys.getByText("My script").waitFor();
    expect(await page.getByLabel("The new API key").count()).toBe(0);
    await page.getByRole("button", { name: "Revoke My script" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await keys.getByText("Revoked", { exact: true }).waitFor();
    const refused = await fetch(`${platform.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.status).toBe(401);
    await context.close();
  });

  it("has no serious accessibility violations on the login page, light or dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await browser.newContext({ baseURL: platform.url, colorScheme });
      const page = await context.newPage();
      await page.goto("/login");
      await page.getByLabel("Email").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
