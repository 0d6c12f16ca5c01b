import { defineBot, type QueryRequest } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  clientAt,
  readReply,
  registerBot,
  startConversation,
  upload,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

describe("attachments", () => {
  let platform: TestPlatform | undefined;
  let bot: BotTestServer | undefined;
  const scriptedBots: ScriptedBot[] = [];
  afterEach(async () => {
    await platform?.dispose();
    await bot?.close();
    await Promise.all(scriptedBots.splice(0).map((scripted) => scripted.close()));
    platform = bot = undefined;
  });

  it("reach the bot as short-lived signed URLs with the text of text files", async () => {
    const received: QueryRequest[] = [];
    bot = await createBotTestServer(
      defineBot({
        insertAttachmentMessages: false,
        async *onQuery(request) {
          received.push(request);
          const attachment = request.query.at(-1)?.attachments[0];
          const download = await fetch(attachment!.url);
          yield `${attachment!.name}: ${download.status} ${await download.text()}`;
        },
        settings: { allow_attachments: true, expand_text_attachments: true },
      }),
    );
    platform = await startTestPlatform();
    const alice = await platform.signUp("alice@example.com");
    await registerBot(alice, bot, { handle: "reader" });
    const fileId = await upload(alice, platform, "notes.txt", "remember the milk", "text/plain");
    const conversationId = await startConversation(alice, "reader");
    const sent = await alice.json<{ bot_message: { id: string } }>(
      "POST",
      `/api/conversations/${conversationId}/messages`,
      {
        content: "summarise",
        attachments: [fileId],
      },
    );
    const events = await readReply(alice, sent.bot_message.id);
    expect(events.at(-1)?.data).toMatchObject({
      status: "complete",
      text: "notes.txt: 200 remember the milk",
    });

    const attachment = received[0]!.query.at(-1)!.attachments[0]!;
    expect(attachment).toMatchObject({
      name: "notes.txt",
      content_type: "text/plain",
      parsed_content: "remember the milk",
    });
    const url = new URL(attachment.url);
    expect(Number(url.searchParams.get("expires")) * 1000 - Date.now()).toBeLessThanOrEqual(
      10 * 60 * 1000 + 1000, // expiry is rounded up to a whole second
    );
    url.searchParams.set("signature", "forged");
    expect((await fetch(url)).status).toBe(404);
  });

  it("send no text to a bot whose settings turn expand_text_attachments off (on by default)", async () => {
    platform = await startTestPlatform();
    const alice = await platform.signUp("alice@example.com");
    const fileId = await upload(alice, platform, "notes.txt", "remember the milk", "text/plain");
    /** The attachment a bot with `settings` receives for the file. */
    const attachmentFor = async (handle: string, settings: Record<string, unknown>) => {
      const scripted = await startScriptedBot(misbehavingBots.replies(["Read it"]), { settings });
      scriptedBots.push(scripted);
      await registerBot(alice, scripted, { handle });
      const conversationId = await startConversation(alice, handle);
      const sent = await alice.json<{ bot_message: { id: string } }>(
        "POST",
        `/api/conversations/${conversationId}/messages`,
        { content: "summarise", attachments: [fileId] },
      );
      await readReply(alice, sent.bot_message.id);
      const query = scripted.received("query")[0]!.body as unknown as QueryRequest;
      return query.query.at(-1)!.attachments[0]!;
    };

    const unexpanded = await attachmentFor("skimmer", {
      allow_attachments: true,
      expand_text_attachments: false,
    });
    expect(unexpanded).toMatchObject({ name: "notes.txt", content_type: "text/plain" });
    expect(unexpanded.parsed_content ?? null).toBeNull();
    expect(await (await fetch(unexpanded.url)).text()).toBe("remember the milk");
    // Poe's default is on: a bot that does not say gets the text.
    const byDefault = await attachmentFor("reader", { allow_attachments: true });
    expect(byDefault.parsed_content).toBe("remember the milk");
  });

  it("refuses another user's file, whatever the credential, and bots that take no attachments", async () => {
    platform = await startTestPlatform();
    const alice = await platform.signUp("alice@example.com");
    const bobByCookie = await platform.signUp("bob@example.com");
    const bobsKey = await bobByCookie.json<{ key: string }>("POST", "/api/keys", { name: "bob" });
    const alicesFile = await upload(alice, platform, "a.txt", "secret", "text/plain");
    for (const bob of [bobByCookie, clientAt(platform.url, { apiKey: bobsKey.key })]) {
      const bobsConversation = await startConversation(bob, "echo");
      const stolen = await bob.request("POST", `/api/conversations/${bobsConversation}/messages`, {
        content: "hi",
        attachments: [alicesFile],
      });
      expect(stolen.status).toBe(404);
      expect(await stolen.json()).toEqual({
        error: { code: "not_found", message: `File "${alicesFile}" not found` },
      });
      const { messages } = await bob.json<{ messages: unknown[] }>(
        "GET",
        `/api/conversations/${bobsConversation}`,
      );
      expect(messages).toEqual([]);
    }

    bot = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield "no files";
        },
        settings: { allow_attachments: false },
      }),
    );
    await registerBot(alice, bot, { handle: "plain" });
    const conversationId = await startConversation(alice, "plain");
    const refused = await alice.request("POST", `/api/conversations/${conversationId}/messages`, {
      content: "hi",
      attachments: [alicesFile],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("does not accept attachments");
  });
});
