import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

describe("the admin page in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let admin: E2eUser;
  let member: E2eUser;
  beforeAll(async () => {
    platform = await startE2ePlatform();
    browser = await launchBrowser();
    admin = await platform.createUser("admin@example.com");
    member = await platform.createUser("member@example.com");
    await platform.startScriptedBot(member, "members-bot");
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it("tells someone who is not an admin that they may not", async () => {
    const context = await platform.contextFor(browser, member);
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByRole("heading", { level: 1, name: "Not allowed" }).waitFor();
    expect(await page.getByRole("link", { name: "Admin" }).count()).toBe(0);
    await context.close();
  });

  it("warns the admin, and only the admin, that a development switch is on", async () => {
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    const notice = page.getByRole("status", { name: "Development switches" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("PARLOR_ALLOW_LOOPBACK_BOTS=true is on");
    expect(await admin.api("GET", "/api/admin/status")).toMatchObject({
      allow_loopback_bots: true,
      development_switches: ["PARLOR_ALLOW_LOOPBACK_BOTS"],
    });
    await context.close();
    await expect(member.api("GET", "/api/admin/status")).rejects.toThrow(/404/);
  });

  it("disables a user, who is signed out at their next page load", async () => {
    const memberContext = await platform.contextFor(browser, member);
    const memberPage = await memberContext.newPage();
    await memberPage.goto("/explore");
    await memberPage.getByRole("heading", { level: 1, name: "Explore bots" }).waitFor();

    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByLabel("Search users").fill("member");
    await page.getByRole("button", { name: "Disable member@example.com" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
    await page.getByRole("button", { name: "Enable member@example.com" }).waitFor();
    expect(await page.getByRole("list", { name: "Users" }).textContent()).toContain("Disabled");

    await memberPage.reload();
    await memberPage.waitForURL(/\/login/);
    await context.close();
    await memberContext.close();
  });

  it("deletes a user behind a confirmation", async () => {
    const doomed = await platform.createUser("doomed@example.com");
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByLabel("Search users").fill("doomed");
    expect(await page.getByRole("button", { name: "Delete admin@example.com" }).count()).toBe(0);
    await page.getByRole("button", { name: "Delete doomed@example.com" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete doomed@example.com?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Delete doomed@example.com" }).click();
    await dialog.getByRole("button", { name: "Delete user" }).click();
    await page.getByText("No user matches").waitFor();
    const me = await fetch(`${platform.url}/api/auth/me`, {
      headers: { cookie: `parlor_session=${doomed.session}` },
    });
    expect(me.status).toBe(401);
    await context.close();
  });

  it("makes a user an admin and takes it back", async () => {
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByRole("button", { name: "Make admin member@example.com" }).click();
    await page.getByRole("button", { name: "Remove admin from member@example.com" }).click();
    await page.getByRole("button", { name: "Make admin member@example.com" }).waitFor();
    await context.close();
  });

  it("hides a bot, then deletes it behind a confirmation", async () => {
    const context = await platform.contextFor(browser, admin);
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByRole("tab", { name: "Bots" }).click();
    await page.getByLabel("Search bots").fill("members");
    const bots = page.getByRole("list", { name: "Bots" });
    await bots.getByText("member@example.com").waitFor();
    await page.getByRole("button", { name: "Hide @members-bot" }).click();
    await page.getByRole("button", { name: "Unhide @members-bot" }).waitFor();
    await page.getByRole("button", { name: "Delete @members-bot" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete bot" }).click();
    await page.getByText("No bot matches").waitFor();
    await expect(admin.api("GET", "/api/bots/members-bot")).rejects.toThrow(/404/);
    await context.close();
  });

  it("has no serious accessibility violations on either tab, light or dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await platform.contextFor(browser, admin, { colorScheme });
      const page = await context.newPage();
      await page.goto("/admin");
      await page.getByRole("list", { name: "Users" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("tab", { name: "Bots" }).click();
      await page.getByRole("list", { name: "Bots" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  }, 60_000);
});
