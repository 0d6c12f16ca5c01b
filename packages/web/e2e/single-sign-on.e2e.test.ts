import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform } from "./support/e2e-platform.js";

// The whole sign-in against a real provider is tested on the platform side
// (packages/server/src/auth/oidc/single-sign-on.e2e.test.ts); here, what the login page shows.
describe("single sign-on on the login page", () => {
  let withSso: E2ePlatform;
  let withoutSso: E2ePlatform;
  let browser: Browser;
  beforeAll(async () => {
    withSso = await startE2ePlatform({
      // A provider that is not there: the button shows, and following it fails in words.
      PARLOR_OIDC_ISSUER: "http://127.0.0.1:1",
      PARLOR_OIDC_CLIENT_ID: "parlor",
      PARLOR_OIDC_CLIENT_SECRET: "a client secret",
      PARLOR_OIDC_NAME: "Acme staff",
    });
    withoutSso = await startE2ePlatform();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await withSso?.dispose();
    await withoutSso?.dispose();
  });

  it("offers the provider's button, and says in a sentence why signing in failed", async () => {
    const context = await browser.newContext({ baseURL: withSso.url });
    const page = await context.newPage();
    await page.goto("/explore");
    await page.waitForURL(/\/login/);
    const button = page.getByRole("link", { name: "Sign in with Acme staff" });
    await button.waitFor();
    expect(await button.getAttribute("href")).toBe("/api/auth/oidc/start?next=%2Fexplore");
    await button.click();
    await page.waitForURL(/sso_error=unavailable/);
    await expect(page.getByRole("alert").textContent()).resolves.toBe(
      "The sign-in service could not be reached. Try again in a moment.",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows no button when single sign-on is not configured", async () => {
    const context = await browser.newContext({ baseURL: withoutSso.url });
    const page = await context.newPage();
    await page.goto("/login?sso_error=email_not_verified");
    await page.getByLabel("Email").waitFor();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("not verified");
    expect(await page.getByRole("link", { name: /Sign in with/ }).count()).toBe(0);
    await context.close();
  });
});
