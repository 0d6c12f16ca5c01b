import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

const PASSWORD = "a long test password";

/** Fills the sign-up form on `page` and sends it. */
async function signUpOn(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

describe("sign-up policies in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let admin: E2eUser;
  beforeAll(async () => {
    platform = await startE2ePlatform();
    browser = await launchBrowser();
    admin = await platform.createUser("admin@example.com");
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  /** The admin page's Sign-up tab, as the admin. */
  async function signupTab() {
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    // The e2e platform runs with a development switch on: its notice tops the page once loaded,
    // and waiting for it keeps the layout from moving under the clicks below.
    await page.getByRole("status", { name: "Development switches" }).waitFor();
    await page.getByRole("tab", { name: "Sign-up" }).click();
    await page.getByRole("group", { name: "Sign-up policy" }).waitFor();
    return { context, page };
  }

  it("makes newcomers wait for approval, and lets them in once an admin approves", async () => {
    const { context, page } = await signupTab();
    // A click, not check(): the choice shows once the platform has stored it.
    await page.getByRole("radio", { name: /^Approval/ }).click();
    await page.getByText("Sign-up is now: Approval.").waitFor();

    const visitor = await browser.newContext({ baseURL: platform.url });
    const signup = await visitor.newPage();
    await signup.goto("/signup");
    await signup.getByText("An admin approves new accounts").waitFor();
    await signUpOn(signup, "waiting@example.com");
    await signup.getByRole("heading", { name: "Your account awaits approval" }).waitFor();
    expect(await signup.getByRole("status").textContent()).toContain("waiting@example.com");

    await signup.getByRole("link", { name: "Go to the login page" }).click();
    await signup.getByLabel("Email").fill("waiting@example.com");
    await signup.getByLabel("Password").fill(PASSWORD);
    await signup.getByRole("button", { name: "Log in" }).click();
    await expect(signup.getByRole("alert").textContent()).resolves.toContain(
      "An admin has not approved this account yet",
    );

    await page.reload();
    await page.getByRole("tab", { name: "Sign-up" }).click();
    const waiting = page.getByRole("list", { name: "Waiting for approval" });
    await waiting.getByText("waiting@example.com").waitFor();
    await page.getByRole("button", { name: "Approve waiting@example.com" }).click();
    await page.getByText("Nobody is waiting").waitFor();

    await signup.getByRole("button", { name: "Log in" }).click();
    await signup.waitForURL(`${platform.url}/`);
    await signup.getByRole("link", { name: "waiting@example.com" }).waitFor();
    await visitor.close();
    await context.close();
  });

  it("signs someone up through an invite link, which then no longer works", async () => {
    await admin.api("PATCH", "/api/admin/settings", { signup_policy: "invite" });
    const { context, page } = await signupTab();
    await page.getByLabel("Valid for").selectOption({ label: "1 day" });
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = await page.getByLabel("New invite link").inputValue();
    expect(link).toMatch(new RegExp(`^${platform.url}/signup\\?invite=[\\w-]+$`));

    const guest = await browser.newContext({ baseURL: platform.url });
    const signup = await guest.newPage();
    await signup.goto("/signup");
    await signup.getByText("Sign-up needs an invite").waitFor();
    await signup.goto(link);
    await signup.getByText("You have an invite").waitFor();
    await signUpOn(signup, "invited@example.com");
    await signup.waitForURL(`${platform.url}/`);
    await signup.getByRole("link", { name: "invited@example.com" }).waitFor();

    const other = await browser.newContext({ baseURL: platform.url });
    const again = await other.newPage();
    await again.goto(link);
    await signUpOn(again, "second@example.com");
    await expect(again.getByRole("alert").textContent()).resolves.toContain(
      "This invite link has already been used",
    );

    // The link was shown once: after a reload the list has the invite, used, and no link.
    await page.reload();
    await page.getByRole("tab", { name: "Sign-up" }).click();
    const invites = page.getByRole("list", { name: "Invites" });
    await invites.getByText(/^Used/).waitFor();
    expect(await page.getByLabel("New invite link").count()).toBe(0);
    expect(await page.content()).not.toContain(new URL(link).searchParams.get("invite")!);
    await other.close();
    await guest.close();
    await context.close();
  });

  it("revokes an invite, whose link then fails", async () => {
    await admin.api("PATCH", "/api/admin/settings", { signup_policy: "invite" });
    const { context, page } = await signupTab();
    await page.getByLabel("Only for this email (optional)").fill("later@example.com");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = await page.getByLabel("New invite link").inputValue();
    await page
      .getByRole("button", { name: /^Revoke the invite .* for later@example\.com$/ })
      .click();
    await page.getByText("The invite is revoked").waitFor();

    const guest = await browser.newContext({ baseURL: platform.url });
    const signup = await guest.newPage();
    await signup.goto(link);
    await signUpOn(signup, "later@example.com");
    await expect(signup.getByRole("alert").textContent()).resolves.toContain(
      "This invite link is not valid",
    );
    await guest.close();
    await context.close();
  });

  it("has no serious accessibility violations on the sign-up tab and page, light or dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await platform.contextFor(browser, admin, { colorScheme });
      const page = await context.newPage();
      await page.goto("/admin");
      await page.getByRole("tab", { name: "Sign-up" }).click();
      await page.getByRole("list", { name: "Invites" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      const visitor = await browser.newContext({ baseURL: platform.url, colorScheme });
      const signup = await visitor.newPage();
      await signup.goto("/signup");
      await signup.getByRole("note").waitFor();
      expect(await seriousViolations(signup)).toEqual([]);
      await visitor.close();
      await context.close();
    }
  }, 60_000);
});

describe("a sign-up policy the operator pinned, in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  beforeAll(async () => {
    platform = await startE2ePlatform({ PARLOR_SIGNUP: "closed" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("shows the admin the policy without letting them change it, and tells visitors", async () => {
    const admin = await platform.createUser("admin@example.com");
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    // The e2e platform runs with a development switch on: its notice tops the page once loaded,
    // and waiting for it keeps the layout from moving under the clicks below.
    await page.getByRole("status", { name: "Development switches" }).waitFor();
    await page.getByRole("tab", { name: "Sign-up" }).click();
    const closed = page.getByRole("radio", { name: /^Closed/ });
    await closed.waitFor();
    expect(await closed.isChecked()).toBe(true);
    expect(await closed.isDisabled()).toBe(true);
    expect(await page.getByRole("radio", { name: /^Open/ }).isDisabled()).toBe(true);
    await page.getByText("Set by the operator with PARLOR_SIGNUP").waitFor();

    const visitor = await browser.newContext({ baseURL: platform.url });
    const signup = await visitor.newPage();
    await signup.goto("/signup");
    await signup.getByText("Sign-up is closed").waitFor();
    await signUpOn(signup, "stranger@example.com");
    await expect(signup.getByRole("alert").textContent()).resolves.toContain(
      "Sign-up is closed on this Parlor",
    );
    await visitor.close();
    await context.close();
  });
});
