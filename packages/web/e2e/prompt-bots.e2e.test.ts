import { openAiStream, startFakeOpenAi, type FakeVendorServer } from "@parlor/providers/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

describe("prompt bots in the browser", () => {
  let fake: FakeVendorServer;
  let platform: E2ePlatform;
  let browser: Browser;
  let creator: E2eUser;
  beforeAll(async () => {
    fake = await startFakeOpenAi(["gpt-4o"]);
    platform = await startE2ePlatform({
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    });
    browser = await launchBrowser();
    creator = await platform.createUser("creator@example.com");
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    await fake?.close();
  });

  it("is made in the creator over GPT-4o, shows what it runs on, and answers with follow-ups", async () => {
    const context = await platform.contextFor(browser, creator);
    const page = await context.newPage();
    await page.goto("/bots/new");
    // A new bot starts as a prompt bot.
    expect(await page.getByRole("radio", { name: /^Prompt bot/ }).isChecked()).toBe(true);
    await page.getByLabel("Handle").fill("pirate");
    await page.getByLabel("Display name").fill("Pirate");
    await page.getByLabel("Runs on").selectOption("gpt-4o");
    await page.getByRole("textbox", { name: "Prompt" }).fill("Talk like a pirate to {{usr_name}}.");
    await page.getByLabel("Temperature").fill("0.4");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Create bot" }).click();
    // The typo is refused on the prompt field, and nothing is lost.
    await expect
      .poll(() => page.getByRole("textbox", { name: "Prompt" }).getAttribute("aria-invalid"))
      .toBe("true");
    await page.getByText("{{usr_name}} is not a variable").waitFor();
    await page
      .getByRole("textbox", { name: "Prompt" })
      .fill("Talk like a pirate to {{user_name}}.");
    await page.getByRole("button", { name: "Create bot" }).click();
    await page.waitForURL(/\/bots\/pirate$/);
    await page.getByText("Runs on GPT-4o").waitFor();

    await page.goto("/explore");
    const card = page.getByRole("list", { name: "Bots" }).getByRole("link", { name: /Pirate/ });
    expect(await card.textContent()).toContain("Runs on GPT-4o");

    fake.reply(
      openAiStream({ text: ["Arr, ", "ahoy!"] }),
      openAiStream({ text: ["Where be the treasure?\nSing a shanty\nWho are ye?"] }),
    );
    await page.goto("/?bot=pirate");
    const composer = page.getByRole("combobox", { name: /^Message / });
    await composer.fill("Hello");
    await composer.press("Enter");
    await page.getByText("Arr, ahoy!").waitFor();
    await page.getByRole("button", { name: "Sing a shanty" }).waitFor();
    const chats = fake.requests.filter((request) => request.path.endsWith("/chat/completions"));
    expect(chats).toHaveLength(2);
    expect(chats[0]!.body).toMatchObject({
      temperature: 0.4,
      messages: [
        { role: "system", content: "Talk like a pirate to the user." },
        { role: "user", content: "Hello" },
      ],
    });

    // The editor shows the prompt bot's own fields, with what was saved.
    await page.goto("/bots/pirate/edit");
    expect(await page.getByRole("textbox", { name: "Prompt" }).inputValue()).toBe(
      "Talk like a pirate to {{user_name}}.",
    );
    expect(await page.getByLabel("Runs on").inputValue()).toBe("gpt-4o");
    expect(await page.getByLabel("Webhook URL").count()).toBe(0);
    await context.close();
  });
});
