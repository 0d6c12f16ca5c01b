import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility.js";
import { launchBrowser } from "./support/browser.js";
import { startE2ePlatform, type E2ePlatform, type E2eUser } from "./support/e2e-platform.js";

const BOT = "Scripted scripted";

interface ApiMessage {
  id: string;
  role: string;
  parent_id: string | null;
  content: string;
  status: string;
  feedback: string | null;
  allow_retry?: boolean | null;
}

describe("the chat in the browser", () => {
  let platform: E2ePlatform;
  let browser: Browser;
  let user: E2eUser;
  let context: BrowserContext;

  beforeAll(async () => {
    // The long-conversation test sends 160 messages in seconds.
    platform = await startE2ePlatform({ PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "1000" });
    browser = await launchBrowser();
    user = await platform.createUser("chatter@example.com");
    await platform.startScriptedBot(user, "scripted");
    context = await platform.contextFor(browser, user, { viewport: { width: 1100, height: 800 } });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.dispose();
  });

  /** A new chat with the scripted bot, its first message sent; ends on /c/:id. */
  async function startChat(text: string, page?: Page) {
    page ??= await context.newPage();
    await page.goto("/?bot=scripted");
    await send(page, text);
    await page.waitForURL(/\/c\/conv_/);
    return page;
  }

  it("streams a reply, sends a suggested reply with the history, and likes it", async () => {
    const page = await startChat("hello there");
    await eventually(() => lastReply(page).textContent()).toContain("You said: hello there.");
    await page.getByRole("button", { name: "Tell me more" }).click();
    await eventually(() => lastReply(page).textContent()).toContain(
      "You said: Tell me more. Before that: hello there.",
    );
    await lastReply(page).getByRole("button", { name: "Like", exact: true }).click();
    await eventually(
      async () => (await messagesOf(page)).filter((m) => m.feedback === "like").length,
    ).toBe(1);
    await eventually(() =>
      page.getByRole("link", { name: "hello there" }).getAttribute("aria-current"),
    ).toBe("page");
    const search = page.getByRole("searchbox", { name: "Search conversations" });
    await search.fill("nothing like it");
    await page.getByText("No conversation has that title.").waitFor();
    await search.fill("hello");
    await page.getByRole("link", { name: "hello there" }).waitFor();
    await page.close();
  });

  it("stops the running reply with Esc from the composer", async () => {
    const page = await startChat("/long");
    await eventually(() => lastReply(page).textContent()).toContain("word3");
    await page.getByRole("combobox", { name: `Message ${BOT}` }).press("Escape");
    await eventually(async () => (await messagesOf(page)).at(-1)?.status).toBe("incomplete");
    await page.close();
  });

  it("stops a running reply with the Stop button, keeping what was written", async () => {
    const page = await startChat("/long");
    await eventually(() => lastReply(page).textContent()).toContain("word3");
    await page.getByRole("button", { name: "Stop the reply" }).click();
    await eventually(async () => (await messagesOf(page)).at(-1)?.status).toBe("incomplete");
    const text = await lastReply(page).textContent();
    expect(text).not.toContain("word80");
    await page.getByRole("button", { name: "Send" }).waitFor();
    await page.close();
  });

  it("regenerates a reply and pages between the two", async () => {
    const page = await startChat("regenerate me");
    await lastReply(page).getByRole("button", { name: "Regenerate" }).click();
    await page.getByLabel("reply 2 of 2").waitFor();
    await page.getByRole("button", { name: "Previous reply" }).click();
    await page.getByLabel("reply 1 of 2").waitFor();
    expect(await lastReply(page).textContent()).toContain("You said: regenerate me.");
    await page.close();
  });

  it("edits a sent message into a new branch the bot sees without the old one", async () => {
    const page = await startChat("first");
    await eventually(() => lastReply(page).textContent()).toContain("You said: first.");
    await send(page, "second");
    await eventually(() => lastReply(page).textContent()).toContain("Before that: first.");
    await page
      .getByRole("article", { name: "You said" })
      .last()
      .getByRole("button", { name: "Edit" })
      .click();
    await page.getByLabel("Edit your message").fill("changed");
    await page.getByLabel("Edit your message").press("Enter");
    await eventually(() => lastReply(page).textContent()).toContain(
      "You said: changed. Before that: first.",
    );
    expect(await lastReply(page).textContent()).not.toContain("second");
    await page.getByLabel("message 2 of 2").waitFor();
    await page.getByRole("button", { name: "Previous message" }).click();
    await eventually(() => lastReply(page).textContent()).toContain("You said: second.");
    await page.close();
  });

  it("follows a reply across a reload and in a second tab, to its end", async () => {
    const page = await startChat("/long");
    await eventually(() => lastReply(page).textContent()).toContain("word3");
    const second = await context.newPage();
    await second.goto(page.url());
    await page.reload();
    for (const tab of [page, second]) {
      await eventually(() => lastReply(tab).textContent(), { timeout: 15_000 }).toContain("word80");
      await lastReply(tab).getByRole("button", { name: "Regenerate" }).waitFor();
    }
    // Each word once: resuming repeated nothing.
    expect((await lastReply(page).textContent())?.match(/word7 /g)).toHaveLength(1);
    await second.close();
    await page.close();
  });

  it("sends an attachment the bot receives", async () => {
    const page = await context.newPage();
    await page.goto("/?bot=scripted");
    await page.locator('input[type="file"]').setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Some notes."),
    });
    await page.getByRole("button", { name: "Remove notes.txt" }).waitFor();
    await send(page, "/attachments");
    await eventually(() => lastReply(page).textContent()).toContain("Attachments: notes.txt");
    await page.close();
  });

  it("sends the bot's parameter controls as labelled controls, conditions included", async () => {
    const page = await context.newPage();
    await page.goto("/?bot=scripted");
    await page.getByRole("button", { name: "Options" }).click();
    await page.getByLabel("Tone").selectOption("cheerful");
    expect(await page.getByRole("slider", { name: "Volume" }).count()).toBe(0);
    await page.getByRole("switch", { name: "Shout" }).click();
    await page.getByRole("slider", { name: "Volume" }).press("ArrowRight");
    await send(page, "/parameters");
    await eventually(() => lastReply(page).textContent()).toContain(
      'Parameters: {"tone":"cheerful","shout":true,"volume":6}',
    );
    await page.close();
  });

  it("shows a bot error in words and retries it; a final error offers no retry", async () => {
    const page = await startChat("/error");
    const alert = lastReply(page).getByRole("alert");
    await eventually(() => alert.textContent()).toContain("The scripted bot failed on purpose.");
    await alert.getByRole("button", { name: "Retry" }).click();
    await page.getByLabel("reply 2 of 2").waitFor();
    await send(page, "/fatal");
    await eventually(() => lastReply(page).getByRole("alert").textContent()).toContain(
      "cannot do that",
    );
    expect((await messagesOf(page)).at(-1)?.allow_retry).toBe(false);
    expect(await lastReply(page).getByRole("button", { name: "Retry" }).count()).toBe(0);
    await page.close();
  });

  it("says it is waiting for a bot that is slow to start", async () => {
    const page = await startChat("/slow");
    await page.getByText(`Waiting for ${BOT}…`).waitFor({ timeout: 3000 });
    await eventually(() => lastReply(page).textContent(), { timeout: 8000 }).toContain("Here I am");
    await page.close();
  });

  it("shows a bot's files: an image inline and a text file as a link", async () => {
    const page = await startChat("/files");
    await lastReply(page).getByRole("img", { name: "red.png" }).waitFor();
    await lastReply(page)
      .getByRole("link", { name: /notes\.txt/ })
      .waitFor();
    await page.close();
  });

  it("clears the context: a divider, and the bot no longer hears what came before", async () => {
    const page = await startChat("before the reset");
    await eventually(() => lastReply(page).textContent()).toContain("You said: before the reset.");
    await page.getByRole("button", { name: "Clear context" }).click();
    await send(page, "after the reset");
    await page.getByRole("separator", { name: "Context cleared" }).waitFor();
    await eventually(() => lastReply(page).textContent()).toContain("You said: after the reset.");
    expect(await lastReply(page).textContent()).not.toContain("Before that");
    await page.close();
  });

  it("renames and deletes a conversation from the sidebar", async () => {
    const page = await startChat("to be renamed");
    await page.getByRole("button", { name: "Actions for to be renamed" }).click();
    await page.getByRole("menuitem", { name: "Rename" }).click();
    await page.getByLabel("Title").fill("Renamed chat");
    await page.getByRole("button", { name: "Save" }).click();
    const renamed = page.getByRole("link", { name: "Renamed chat" });
    await renamed.waitFor();
    await page.getByRole("button", { name: "Actions for Renamed chat" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${platform.url}/`);
    await eventually(() => renamed.count()).toBe(0);
    await page.close();
  });

  it("renders only what is on screen of a 320-message conversation, and jumps to the latest", async () => {
    const { conversation } = await user.api<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "echo" },
    );
    for (let index = 1; index <= 160; index++) {
      await user.api("POST", `/api/conversations/${conversation.id}/messages`, {
        content: `message ${index}`,
      });
      // The echo bot answers at once; a send waits for nothing, so give it that moment.
      if (index % 40 === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const page = await context.newPage();
    await page.goto(`/c/${conversation.id}`);
    await page.getByText("message 160", { exact: true }).last().waitFor();
    expect(await page.getByRole("article").count()).toBeLessThan(60);
    await page.getByRole("log").hover();
    await page.mouse.wheel(0, -3000);
    await page.getByRole("button", { name: /Jump to latest/ }).click();
    await page.getByText("message 160", { exact: true }).last().waitFor();
    await eventually(() => page.getByRole("button", { name: /Jump to latest/ }).count()).toBe(0);
    await page.close();
  });

  it("has no serious accessibility violations in a chat, light or dark, on a phone", async () => {
    const page = await startChat("accessible?");
    await eventually(() => lastReply(page).textContent()).toContain("You said: accessible?");
    const url = page.url();
    await page.close();
    for (const colorScheme of ["light", "dark"] as const) {
      const phone = await platform.contextFor(browser, user, {
        colorScheme,
        viewport: { width: 390, height: 844 },
      });
      const tab = await phone.newPage();
      await tab.goto(url);
      await eventually(() => lastReply(tab).textContent()).toContain("You said: accessible?");
      expect(await seriousViolations(tab)).toEqual([]);
      await phone.close();
    }
  }, 45_000);
});

/** Polls until it holds; replies stream over seconds on a busy machine, so not vitest's 1 s. */
const eventually = <T>(read: () => Promise<T> | T, options: { timeout?: number } = {}) =>
  expect.poll(read, { timeout: 10_000, ...options });

/** Types into the composer and presses Enter. */
async function send(page: Page, text: string) {
  const composer = page.getByRole("combobox", { name: `Message ${BOT}` });
  await composer.fill(text);
  await composer.press("Enter");
}

const lastReply = (page: Page) => page.getByRole("article", { name: `${BOT} said` }).last();

/** The open conversation's messages as the platform stored them. */
async function messagesOf(page: Page) {
  const id = /\/c\/([^/?]+)/.exec(page.url())![1]!;
  return page.evaluate(async (conversationId) => {
    const response = await fetch(`/api/conversations/${conversationId}`);
    return ((await response.json()) as { messages: ApiMessage[] }).messages;
  }, id);
}
