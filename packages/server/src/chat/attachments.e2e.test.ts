import { defineBot, type QueryRequest } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import { readReply, registerBot, startConversation } from "../testing/bots/chat-helpers.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** Uploads a file as the client; returns its id. */
async function upload(
  client: TestClient,
  platform: TestPlatform,
  name: string,
  body: string,
  type: string,
) {
  const form = new FormData();
  form.append("file", new Blob([body], { type }), name);
  const response = await fetch(`${platform.url}/api/files`, {
    method: "POST",
    headers: { cookie: client.cookie },
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { file: { id: string } }).file.id;
}

describe("attachments", () => {
  let platform: TestPlatform | undefined;
  let bot: BotTestServer | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await bot?.close();
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

  it("refuses another user's file and bots that take no attachments", async () => {
    platform = await startTestPlatform();
    const alice = await platform.signUp("alice@example.com");
    const bob = await platform.signUp("bob@example.com");
    const alicesFile = await upload(alice, platform, "a.txt", "secret", "text/plain");
    const bobsConversation = await startConversation(bob, "echo");
    const stolen = await bob.request("POST", `/api/conversations/${bobsConversation}/messages`, {
      content: "hi",
      attachments: [alicesFile],
    });
    expect(stolen.status).toBe(404);

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
