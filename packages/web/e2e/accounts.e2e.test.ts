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

  /** Logs in through the API: a session of its own, for a second browser. */
  async function newSession(email: string, password: string): Promise<string> {
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    return /parlor_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
  }

  /** Whether the login form signs `email` in with `password`. */
  async function logsIn(email: string, password: string): Promise<boolean> {
    const context = await browser.newContext({ baseURL: platform.url });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    const outcome = await Promise.race([
      page.waitForURL(`${platform.url}/`).then(() => true),
      page
        .getByRole("alert")
        .waitFor()
        .then(() => false),
    ]);
    await context.close();
    return outcome;
  }

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

  it("changes the password: the old one stops working and another browser is signed out", async () => {
    const user = await platform.createUser("changer@example.com");
    const context = await platform.contextFor(browser, user);
    const other = await platform.contextFor(browser, {
      ...user,
      session: await newSession(user.email, user.password),
    });
    const otherPage = await other.newPage();
    await otherPage.goto("/explore");
    await otherPage.getByRole("heading", { level: 1, name: "Explore bots" }).waitFor();

    const page = await context.newPage();
    await page.goto("/account");
    const sessions = page.getByRole("list", { name: "Your sessions" });
    await sessions.getByText("This browser").waitFor();
    expect(await sessions.getByRole("listitem").count()).toBe(2);
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("my new long password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("alert").first().textContent()).resolves.toContain(
      "The password is not right",
    );
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel("New password").fill("my new long password");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed. Your other sessions are signed out.").waitFor();
    await expect.poll(() => sessions.getByRole("listitem").count()).toBe(1);

    await otherPage.reload();
    await otherPage.waitForURL(/\/login/);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Account" }).waitFor();
    expect(await logsIn(user.email, user.password)).toBe(false);
    expect(await logsIn(user.email, "my new long password")).toBe(true);
    await context.close();
    await other.close();
  });

  it("signs another browser out from the list of sessions", async () => {
    const user = await platform.createUser("sessions@example.com");
    const context = await platform.contextFor(browser, user);
    const other = await platform.contextFor(browser, {
      ...user,
      session: await newSession(user.email, user.password),
    });
    const page = await context.newPage();
    await page.goto("/account");
    const sessions = page.getByRole("list", { name: "Your sessions" });
    await sessions.getByText("This browser").waitFor();
    await sessions.getByRole("button", { name: /^Sign out / }).click();
    await expect.poll(() => sessions.getByRole("listitem").count()).toBe(1);
    const otherPage = await other.newPage();
    await otherPage.goto("/account");
    await otherPage.waitForURL(/\/login/);
    await context.close();
    await other.close();
  });

  it("shows the chosen display name in the account menu", async () => {
    const user = await platform.createUser("named@example.com");
    const context = await platform.contextFor(browser, user);
    const page = await context.newPage();
    await page.goto("/account");
    await page.getByLabel("Display name").fill("  Ada Lovelace ");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("link", { name: "Ada Lovelace" }).waitFor();
    await page.reload();
    await page.getByRole("link", { name: "Ada Lovelace" }).waitFor();
    expect(await page.getByLabel("Display name").inputValue()).toBe("Ada Lovelace");
    await context.close();
  });

  it("deletes the account after the password, then sends the person to the login page", async () => {
    const user = await platform.createUser("leaving@example.com");
    await user.api("POST", "/api/conversations", { bot: "echo" });
    const context = await platform.contextFor(browser, user);
    const page = await context.newPage();
    await page.goto("/account");
    await page.getByRole("button", { name: "Delete my account" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await dialog.getByLabel("Your password").fill("not my password");
    await dialog.getByRole("button", { name: "Delete account" }).click();
    await expect(dialog.getByRole("alert").textContent()).resolves.toContain(
      "The password is not right",
    );
    await dialog.getByLabel("Your password").fill(user.password);
    await dialog.getByRole("button", { name: "Delete account" }).click();
    await page.waitForURL(/\/login/);
    expect(await logsIn(user.email, user.password)).toBe(false);
    const me = await fetch(`${platform.url}/api/auth/me`, {
      headers: { cookie: `parlor_session=${user.session}` },
    });
    expect(me.status).toBe(401);
    await context.close();
  });

  it("has no serious accessibility violations on the account page", async () => {
    const user = await platform.createUser("a11y@example.com");
    const context = await platform.contextFor(browser, user);
    const page = await context.newPage();
    await page.goto("/account");
    await page.getByRole("list", { name: "Your sessions" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByRole("dialog").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
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
