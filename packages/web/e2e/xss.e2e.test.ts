import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xssPayloads } from "./fixtures/xss-payloads.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

describe("hostile bot replies in the real chat page", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let user: E2eUser;

  beforeAll(async () => {
    const payloadsFile = join(tmpdir(), `parlor-xss-${process.pid}.json`);
    writeFileSync(payloadsFile, JSON.stringify(xssPayloads));
    platform = await startE2ePlatform();
    browser = await launchBrowser();
    user = await platform.createUser("target@example.com");
    await platform.startScriptedBot(user, "hostile", { XSS_PAYLOADS_FILE: payloadsFile });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  it(`streams ${xssPayloads.length} payloads without running script or reaching another origin`, async () => {
    const context = await platform.contextFor(browser, user, {
      viewport: { width: 1100, height: 800 },
    });
    // Anything a payload could run to prove itself: a dialog, or a global it sets.
    await context.addInitScript(() => {
      const ran = () => Object.assign(window, { __xssRan: true });
      window.alert = ran;
      window.confirm = () => (ran(), false);
      window.prompt = () => (ran(), null);
    });
    const dialogs: string[] = [];
    const elsewhere: string[] = [];
    const origin = new URL(platform.url).origin;
    context.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"))
        elsewhere.push(url);
    });
    const page = await context.newPage();
    // After our own page: newPage() fires "page" too; any later one is a payload's window.open.
    context.on("page", (opened) => elsewhere.push(`a new window opened: ${opened.url()}`));
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto("/?bot=hostile");
    const composer = page.getByRole("combobox", { name: /^Message / });
    await composer.fill("/xss");
    await composer.press("Enter");
    await page.getByText("XSS corpus done.").waitFor({ timeout: 60_000 });
    // Let late handlers (onload of an image, a timer) get their chance.
    await page.waitForTimeout(1000);

    expect(dialogs).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(await page.evaluate(() => "__xssRan" in window)).toBe(false);
    const unsafe = await page.evaluate(() => {
      const found: string[] = [];
      for (const element of document.querySelectorAll('[role="log"] *')) {
        for (const attribute of element.attributes) {
          const value = attribute.value.trim().toLowerCase();
          if (attribute.name.startsWith("on")) found.push(`${element.tagName} ${attribute.name}`);
          if (/^(javascript|data|vbscript):/.test(value))
            found.push(`${element.tagName} ${attribute.name}=${value.slice(0, 40)}`);
        }
        if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "FORM", "BASE"].includes(element.tagName))
          found.push(element.tagName);
      }
      return found;
    });
    expect(unsafe).toEqual([]);
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).not.toMatch(/^parlor_csp_reports_total\{[^}]*\} [1-9]/m);
    await context.close();
  }, 120_000);
});
