import { readFileSync } from "node:fs";
import { protocolMessageSchema } from "@parlor/protocol";
import { afterEach, describe, expect, it } from "vitest";
import {
  getMessage,
  readReply,
  registerBot,
  sendMessage,
  startConversation,
  upload,
  visibleText,
  type ApiMessage,
} from "../testing/bots/chat-helpers.js";
import {
  startScriptedBot,
  type QueryScript,
  type ScriptedBot,
} from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** A message as the API shows it, with the bot a mention chose. */
type ShownMessage = ApiMessage & {
  bot: { handle: string; display_name: string; avatar_url: string | null } | null;
};

/** Answers every query with `<name> heard: <last message>`. */
const answersAs =
  (name: string): QueryScript =>
  (exchange) => {
    const query = exchange.request.body.query as { content: string }[];
    exchange.send("text", { text: `${name} heard: ${query.at(-1)!.content}` });
    exchange.send("done");
    exchange.end();
  };

/** The fields of a protocol message as fastapi_poe 0.0.81 sends them, from its recorded request. */
const FASTAPI_POE_MESSAGE_KEYS = Object.keys(
  (
    JSON.parse(
      readFileSync(
        new URL("../../../../fixtures/fastapi-poe-0.0.81/standin_requests.jsonl", import.meta.url),
        "utf8",
      ).split("\n")[0]!,
    ) as { body: { query: Record<string, unknown>[] } }
  ).body.query[0]!,
).sort();

/** The query's messages as a bot reads them: role, sender's name and text. */
function shape(query: unknown) {
  return (query as { role: string; sender: { name: string | null } | null; content: string }[]).map(
    (message) => [message.role, message.sender?.name ?? null, message.content],
  );
}

async function history(client: TestClient, conversationId: string): Promise<ShownMessage[]> {
  const { messages } = await client.json<{ messages: ShownMessage[] }>(
    "GET",
    `/api/conversations/${conversationId}`,
  );
  return messages;
}

/** Sends a message and reads its reply to the end; returns the reply's id and text. */
async function say(client: TestClient, conversationId: string, content: string) {
  const { botMessageId } = await sendMessage(client, conversationId, content);
  return { id: botMessageId, text: visibleText(await readReply(client, botMessageId)) };
}

describe.each(TEST_DIALECTS)("mentioning another bot in a conversation on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  const bots: ScriptedBot[] = [];
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
    for (const bot of bots.splice(0)) await bot.close();
  });

  async function withBot(
    handle: string,
    client: TestClient,
    settings?: Record<string, unknown>,
    fields: { memory_last_n?: number } = {},
  ) {
    const bot = await startScriptedBot(answersAs(handle), settings ? { settings } : {});
    bots.push(bot);
    await registerBot(client, bot, { handle, ...fields });
    return bot;
  }

  it("lets @OtherBot answer in an echo conversation, with the history in Poe's multi-bot shape", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    const other = await withBot("OtherBot", alice);
    const conversationId = await startConversation(alice, "echo");

    expect((await say(alice, conversationId, "first")).text).toBe("first");
    const mentioned = await say(alice, conversationId, "@otherbot what did echo say?");
    expect(mentioned.text).toBe("OtherBot heard: @otherbot what did echo say?");

    const [query] = other.received("query");
    expect(query!.headers.authorization).toBe(`Bearer ${other.accessKey}`);
    // Echo's reply is context from someone else, said to be echo's, not the bot's own words.
    expect(shape(query!.body.query)).toEqual([
      ["user", null, "first"],
      ["user", "echo", "@echo replied:\n\nfirst"],
      ["user", null, "@otherbot what did echo say?"],
    ]);
    // Every message parses, and carries exactly the fields fastapi_poe's ProtocolMessage has.
    for (const message of query!.body.query as Record<string, unknown>[]) {
      expect(Object.keys(message).sort()).toEqual(FASTAPI_POE_MESSAGE_KEYS);
      expect(() => protocolMessageSchema.parse(message)).not.toThrow();
    }

    const plain = await say(alice, conversationId, "back to you");
    expect(plain.text).toBe("back to you");
    expect(other.received("query")).toHaveLength(1);

    const shown = await history(alice, conversationId);
    expect(shown.map((message) => [message.role, message.bot?.handle ?? null])).toEqual([
      ["user", null],
      ["bot", null],
      ["user", null],
      ["bot", "otherbot"],
      ["user", null],
      ["bot", null],
    ]);
    expect(shown[3]!.bot).toEqual({
      handle: "otherbot",
      display_name: "OtherBot",
      avatar_url: null,
    });
  });

  it("regenerates a mentioned reply with the same bot, and sends it the feedback", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    const other = await withBot("OtherBot", alice);
    const conversationId = await startConversation(alice, "echo");
    const mentioned = await say(alice, conversationId, "@OtherBot hi");

    const regenerated = await alice.request("POST", `/api/messages/${mentioned.id}/regenerate`, {});
    const { bot_message } = (await regenerated.json()) as { bot_message: ShownMessage };
    expect(bot_message.bot?.handle).toBe("otherbot");
    expect(visibleText(await readReply(alice, bot_message.id))).toBe(
      "OtherBot heard: @OtherBot hi",
    );
    expect(other.received("query")).toHaveLength(2);
    expect((await getMessage(alice, bot_message.id)) as ShownMessage).toMatchObject({
      bot: { handle: "otherbot" },
      parent_id: (await getMessage(alice, mentioned.id)).parent_id,
    });

    await alice.json("POST", `/api/messages/${bot_message.id}/feedback`, { type: "like" });
    const report = await other.waitFor("report_feedback");
    expect(report.body).toMatchObject({ message_id: bot_message.id, feedback_type: "like" });
  });

  it("re-reads the mention when a message is edited and sent again", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    await withBot("OtherBot", alice);
    const conversationId = await startConversation(alice, "echo");
    await say(alice, conversationId, "@OtherBot hi");

    // Editing the first message: a new root, now without the mention.
    const edited = await alice.json<{ bot_message: ShownMessage }>(
      "POST",
      `/api/conversations/${conversationId}/messages`,
      { content: "hi", parent_id: null },
    );
    expect(edited.bot_message.bot).toBeNull();
    expect(visibleText(await readReply(alice, edited.bot_message.id))).toBe("hi");
  });

  it("refuses a mention of no bot, or of someone's private bot, and stores nothing", async () => {
    platform = await startTestPlatform(dialect);
    // Bob first: the first account is the admin, who may use every bot.
    const bob = await platform.signUp("bob@example.com");
    const alice = await platform.signUp("alice@example.com");
    const bobs = await startScriptedBot(answersAs("BobsBot"));
    bots.push(bobs);
    await registerBot(bob, bobs, { handle: "BobsBot", visibility: "private" });
    const conversationId = await startConversation(alice, "echo");

    for (const handle of ["nobody", "BobsBot"]) {
      const response = await alice.request(
        "POST",
        `/api/conversations/${conversationId}/messages`,
        {
          content: `@${handle} are you there?`,
        },
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: {
          code: "invalid_request",
          field: "content",
          message: `There is no bot @${handle} you can use. Check the handle, or start the message with a space to send it as text`,
        },
      });
    }
    expect(await history(alice, conversationId)).toEqual([]);
    expect(bobs.received("query")).toEqual([]);

    // A leading space: the text as it is, for the conversation's bot.
    expect((await say(alice, conversationId, " @nobody is a word")).text).toBe(
      " @nobody is a word",
    );
  });

  it("holds a mention to the mentioned bot's own settings: memory and attachments", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    const forgetful = await withBot(
      "Forgetful",
      alice,
      { allow_attachments: false },
      {
        memory_last_n: 1,
      },
    );
    const conversationId = await startConversation(alice, "echo");
    await say(alice, conversationId, "one");
    await say(alice, conversationId, "two");
    await say(alice, conversationId, "@Forgetful three");
    expect(shape(forgetful.received("query")[0]!.body.query)).toEqual([
      ["user", null, "@Forgetful three"],
    ]);

    const fileId = await upload(alice, platform, "notes.txt", "remember the milk", "text/plain");
    const refused = await alice.request("POST", `/api/conversations/${conversationId}/messages`, {
      content: "@Forgetful read this",
      attachments: [fileId],
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { field: "attachments", message: "Forgetful does not accept attachments" },
    });
    expect(await history(alice, conversationId)).toHaveLength(6);
  });

  it("shows the conversation's bot what a mentioned bot said, and keeps each bot's own replies its own", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    const home = await withBot("HomeBot", alice);
    const plainBot = await withBot("PlainBot", alice, { enable_multi_entity_prompting: false });
    const conversationId = await startConversation(alice, "HomeBot");

    await say(alice, conversationId, "one");
    await say(alice, conversationId, "@PlainBot two");
    await say(alice, conversationId, "three");

    expect(shape(home.received("query").at(-1)!.body.query)).toEqual([
      ["user", null, "one"],
      ["bot", "homebot", "HomeBot heard: one"],
      ["user", null, "@PlainBot two"],
      ["user", "plainbot", "@plainbot replied:\n\nPlainBot heard: @PlainBot two"],
      ["user", null, "three"],
    ]);
    // A bot that turned multi-entity prompting off gets the other bot's reply unmodified.
    expect(shape(plainBot.received("query")[0]!.body.query)).toEqual([
      ["user", null, "one"],
      ["bot", "homebot", "HomeBot heard: one"],
      ["user", null, "@PlainBot two"],
    ]);
  });
});
