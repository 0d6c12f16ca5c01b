import { verifyWebhook, webhookSecretFromAccessKey } from "@parlor/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  getMessage,
  readReply,
  registerBot,
  sendMessage,
  startConversation,
  type ApiMessage,
} from "../testing/bots/chat-helpers.js";
import {
  startScriptedBot,
  type ReceivedRequest,
  type ScriptedBot,
} from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

const POE_ID = { m: /^m-[a-z0-9=]{32}$/, u: /^u-[a-z0-9=]{32}$/, c: /^c-[a-z0-9=]{32}$/ };

/** A query as the bot received it. */
interface QueryBody {
  version: string;
  type: string;
  user_id: string;
  conversation_id: string;
  message_id: string;
  query: {
    role: string;
    content: string;
    message_id: string;
    metadata: string | null;
    parameters: Record<string, unknown>;
    feedback: { type: string }[];
  }[];
}

const queryOf = (request: ReceivedRequest) => request.body as unknown as QueryBody;

/** A bot that answers the n-th query at once with "Reply n" and stores "state-n" with it. */
function startCountingBot(): Promise<ScriptedBot> {
  let count = 0;
  return startScriptedBot((exchange) => {
    count++;
    exchange.send("text", { text: `Reply ${count}` });
    exchange.send("data", { metadata: `state-${count}` });
    exchange.send("done");
    exchange.end();
  });
}

describe.each(TEST_DIALECTS)("what a server bot receives, on %s", (dialect) => {
  let platform: TestPlatform;
  let user: TestClient;
  let bot: ScriptedBot;
  let conversationId: string;

  beforeEach(async () => {
    platform = await startTestPlatform(dialect);
    bot = await startCountingBot();
    user = await platform.signUp("user@example.com");
    await registerBot(user, bot, { handle: "counting" });
    conversationId = await startConversation(user, "counting");
  });
  afterEach(async () => {
    await platform.dispose();
    await bot.close();
  });

  /** Sends a message, reads the reply to its end, and returns the query the bot got. */
  async function turn(content: string) {
    const sent = await sendMessage(user, conversationId, content);
    await readReply(user, sent.botMessageId);
    return { ...sent, query: queryOf(bot.received("query").at(-1)!) };
  }

  /** A GET's body as text, after checking it succeeded. */
  async function readText(path: string): Promise<string> {
    const response = await user.request("GET", path);
    expect(response.status).toBe(200);
    return response.text();
  }

  it("sends protocol 1.2 queries with the bot's key, a valid signature and Poe-style ids", async () => {
    const { userMessageId, botMessageId } = await turn("Hello");
    const [received] = bot.received("query");
    expect(received!.headers.authorization).toBe(`Bearer ${bot.accessKey}`);
    expect(received!.headers["content-type"]).toBe("application/json");
    expect(() =>
      verifyWebhook({
        secret: webhookSecretFromAccessKey(bot.accessKey),
        headers: received!.headers,
        body: received!.rawBody,
      }),
    ).not.toThrow();
    const query = queryOf(received!);
    expect(query).toMatchObject({ version: "1.2", type: "query", message_id: botMessageId });
    expect(query.user_id).toMatch(POE_ID.u);
    expect(query.conversation_id).toMatch(POE_ID.c);
    expect(query.message_id).toMatch(POE_ID.m);
    expect(query.query).toEqual([
      expect.objectContaining({ role: "user", content: "Hello", message_id: userMessageId }),
    ]);
    expect(userMessageId).toMatch(POE_ID.m);
    // Reports are signed the same way.
    await user.json("POST", `/api/messages/${botMessageId}/feedback`, { type: "like" });
    const report = await bot.waitFor("report_feedback");
    expect(report.headers.authorization).toBe(`Bearer ${bot.accessKey}`);
    expect(() =>
      verifyWebhook({
        secret: webhookSecretFromAccessKey(bot.accessKey),
        headers: report.headers,
        body: report.rawBody,
      }),
    ).not.toThrow();
    expect(report.headers["webhook-id"]).not.toBe(received!.headers["webhook-id"]);
  });

  it("sends the history in order, with the bot's own data on its earlier replies", async () => {
    const first = await turn("One");
    const second = await turn("Two");
    const third = await turn("Three");
    expect(third.query.query.map((message) => [message.role, message.content])).toEqual([
      ["user", "One"],
      ["bot", "Reply 1"],
      ["user", "Two"],
      ["bot", "Reply 2"],
      ["user", "Three"],
    ]);
    expect(third.query.query.map((message) => message.message_id)).toEqual([
      first.userMessageId,
      first.botMessageId,
      second.userMessageId,
      second.botMessageId,
      third.userMessageId,
    ]);
    expect(third.query.query.map((message) => message.metadata)).toEqual([
      null,
      "state-1",
      null,
      "state-2",
      null,
    ]);
    // One conversation, one anonymous user, across turns.
    expect(third.query.conversation_id).toBe(first.query.conversation_id);
    expect(third.query.user_id).toBe(first.query.user_id);
  });

  it("never shows the bot's data to the user, and gives it back to the bot", async () => {
    const first = await sendMessage(user, conversationId, "One");
    const streamed = JSON.stringify(await readReply(user, first.botMessageId));
    const replayed = JSON.stringify(await readReply(user, first.botMessageId));
    const reads = [
      `/api/conversations/${conversationId}`,
      `/api/messages/${first.botMessageId}`,
      `/api/messages/${first.userMessageId}`,
    ];
    for (const shown of [streamed, replayed, ...(await Promise.all(reads.map(readText)))]) {
      expect(shown).toMatch(/One|Reply 1/);
      expect(shown).not.toContain("state-1");
    }
    const second = await turn("Two");
    expect(second.query.query[1]).toMatchObject({ content: "Reply 1", metadata: "state-1" });
  });

  it("sends the parameters a user chose with a message to the bot, on that message", async () => {
    const parameters = { style: "GENERAL", aspect_ratio: "1:1", hd: true, steps: 20 };
    const sent = await user.json<{ bot_message: { id: string } }>(
      "POST",
      `/api/conversations/${conversationId}/messages`,
      { content: "Draw a cat", parameters },
    );
    await readReply(user, sent.bot_message.id);
    const first = queryOf(bot.received("query").at(-1)!);
    expect(first.query.at(-1)).toMatchObject({ content: "Draw a cat", parameters });
    const second = await turn("Thanks");
    expect(second.query.query.at(-1)).toMatchObject({ content: "Thanks", parameters: {} });
  });

  it("refuses parameters that are not an object, saying so, and calls no bot", async () => {
    for (const parameters of ["GENERAL", ["GENERAL"], null, 3]) {
      const response = await user.request("POST", `/api/conversations/${conversationId}/messages`, {
        content: "Draw a cat",
        parameters,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: {
          code: "invalid_request",
          message: "parameters must be an object of values for the bot's parameter controls",
        },
      });
    }
    expect(bot.received("query")).toEqual([]);
  });

  it("starts a new conversation_id and drops earlier messages after a context reset", async () => {
    const first = await turn("One");
    await user.json("POST", `/api/conversations/${conversationId}/reset`);
    const second = await turn("Fresh start");
    expect(second.query.conversation_id).toMatch(POE_ID.c);
    expect(second.query.conversation_id).not.toBe(first.query.conversation_id);
    expect(second.query.query.map((message) => message.content)).toEqual(["Fresh start"]);
    expect(second.query.user_id).toBe(first.query.user_id);
    // The earlier messages stay visible to the user.
    const { messages } = await user.json<{ messages: ApiMessage[] }>(
      "GET",
      `/api/conversations/${conversationId}`,
    );
    expect(messages.map((message) => message.content)).toEqual([
      "One",
      "Reply 1",
      "Fresh start",
      "Reply 2",
    ]);
  });

  it("sends only the last memory_last_n messages", async () => {
    await user.json("PATCH", "/api/bots/counting", { memory_last_n: 3 });
    await turn("One");
    await turn("Two");
    const third = await turn("Three");
    expect(third.query.query.map((message) => message.content)).toEqual([
      "Two",
      "Reply 2",
      "Three",
    ]);
  });

  it("regenerates a reply as a sibling with the same parent and the same history", async () => {
    await turn("One");
    const original = await turn("Two");
    const { bot_message: regenerated } = await user.json<{ bot_message: ApiMessage }>(
      "POST",
      `/api/messages/${original.botMessageId}/regenerate`,
    );
    await readReply(user, regenerated.id);
    const query = queryOf(bot.received("query").at(-1)!);
    expect(query.message_id).toBe(regenerated.id);
    expect(query.query).toEqual(original.query.query);
    expect(query.conversation_id).toBe(original.query.conversation_id);
    const stored = await getMessage(user, regenerated.id);
    expect(stored).toMatchObject({
      status: "complete",
      content: "Reply 3",
      parent_id: original.userMessageId,
    });
    expect((await getMessage(user, original.botMessageId)).content).toBe("Reply 2");
  });

  it("regenerates a reply from before a context reset with that context's history", async () => {
    const original = await turn("One");
    await user.json("POST", `/api/conversations/${conversationId}/reset`);
    const { bot_message: regenerated } = await user.json<{ bot_message: ApiMessage }>(
      "POST",
      `/api/messages/${original.botMessageId}/regenerate`,
    );
    await readReply(user, regenerated.id);
    const query = queryOf(bot.received("query").at(-1)!);
    expect(query.query.map((message) => message.content)).toEqual(["One"]);
    expect(query.conversation_id).toBe(original.query.conversation_id);
    expect(await getMessage(user, regenerated.id)).toMatchObject({
      status: "complete",
      parent_id: original.userMessageId,
      context_id: original.query.conversation_id,
    });
  });

  it("forwards feedback and reactions to the bot, stores them, and sends feedback back in history", async () => {
    const first = await turn("One");
    await user.json("POST", `/api/messages/${first.botMessageId}/feedback`, { type: "like" });
    await user.json("POST", `/api/messages/${first.botMessageId}/reaction`, {
      reaction: "heart",
    });
    const ids = {
      version: "1.2",
      message_id: first.botMessageId,
      user_id: first.query.user_id,
      conversation_id: first.query.conversation_id,
    };
    expect((await bot.waitFor("report_feedback")).body).toEqual({
      ...ids,
      type: "report_feedback",
      feedback_type: "like",
    });
    expect((await bot.waitFor("report_reaction")).body).toEqual({
      ...ids,
      type: "report_reaction",
      reaction: "heart",
    });
    expect(await getMessage(user, first.botMessageId)).toMatchObject({
      feedback: "like",
      reaction: "heart",
    });
    const second = await turn("Two");
    expect(second.query.query[1]).toMatchObject({
      message_id: first.botMessageId,
      feedback: [{ type: "like" }],
    });
  });

  it("writes each turn's messages at most twice when the bot answers at once", async () => {
    const messages = platform.platform.store.messages;
    const writes: string[] = [];
    for (const method of ["insert", "insertMany", "update"] as const) {
      const original = messages[method].bind(messages) as (...args: unknown[]) => Promise<void>;
      (messages as Record<string, unknown>)[method] = (...args: unknown[]) => {
        writes.push(method);
        return original(...args);
      };
    }
    const perTurn: string[][] = [];
    for (const content of ["One", "Two", "Three"]) {
      writes.length = 0;
      await turn(content);
      perTurn.push([...writes]);
    }
    writes.length = 0;
    const { bot_message: regenerated } = await user.json<{ bot_message: ApiMessage }>(
      "POST",
      `/api/messages/${bot.received("query").at(-1)!.body.message_id as string}/regenerate`,
    );
    await readReply(user, regenerated.id);
    perTurn.push([...writes]);
    expect(perTurn).toEqual([
      ["insertMany", "update"],
      ["insertMany", "update"],
      ["insertMany", "update"],
      ["insert", "update"],
    ]);
  });
});
