import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startOidcTestProvider,
  type OidcTestProvider,
} from "../../server/src/testing/oidc-test-provider.js";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform } from "./support/e2e-platform.js";

// Every rule of the sign-in is tested on the platform side
// (packages/server/src/auth/oidc/single-sign-on.e2e.test.ts); here, what a person sees.
describe("single sign-on in the browser", () => {
  let provider: OidcTestProvider;
  let platform: E2ePlatform;
  let browser: Browser;
  beforeAll(async () => {
    provider = await startOidcTestProvider();
    platform = await startE2ePlatform({
      PARLOR_OIDC_ISSUER: provider.issuer,
      PARLOR_OIDC_CLIENT_ID: provider.clientId,
      PARLOR_OIDC_CLIENT_SECRET: provider.clientSecret,
      PARLOR_OIDC_NAME: "Acme staff",
    });
    provider.registerClient(`${platform.url}/api/auth/oidc/callback`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    await provider?.close();
  });

  it("signs in at the provider from the login page and comes back to the page asked for", async () => {
    provider.people.set("lee-1", { email: "lee@example.com", email_verified: true });
    provider.signInAs("lee-1");
    const context = await browser.newContext({ baseURL: platform.url });
    const page = await context.newPage();
    await page.goto("/explore");
    await page.waitForURL(/\/login/);
    await page.getByRole("link", { name: "Sign in with Acme staff" }).click();
    await page.waitForURL(`${platform.url}/explore`);
    await page.getByRole("link", { name: "lee@example.com" }).waitFor();
    const cookies = await context.cookies(platform.url);
    expect(cookies.find((cookie) => cookie.name === "parlor_session")?.httpOnly).toBe(true);
    expect(cookies.find((cookie) => cookie.name === "parlor_sso")).toBeUndefined();
    await context.close();
  });

  it("shows why an unverified email cannot sign in", async () => {
    provider.people.set("max-1", { email: "max@example.com", email_verified: false });
    provider.signInAs("max-1");
    const context = await browser.newContext({ baseURL: platform.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with Acme staff" }).click();
    await page.waitForURL(/sso_error=email_not_verified/);
    await expect(page.getByRole("alert").textContent()).resolves.toBe(
      "Your email address is not verified at the sign-in service, so Parlor cannot sign you in with it.",
    );
    await context.close();
  });
});

describe("the login page without a reachable provider", () => {
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
