import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readReply,
  registerBot,
  sendMessage,
  startConversation,
  type ApiMessage,
} from "../testing/bots/chat-helpers.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { PNG_BYTES } from "../testing/image-bytes.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

interface ListedConversation {
  id: string;
  user_id: string;
  bot_id: string;
  title: string;
  context_id: string;
  created_at: number;
  updated_at: number;
  bot: { handle: string; display_name: string; avatar_url: string | null };
}

interface ConversationPage {
  conversations: ListedConversation[];
  next_cursor: string | null;
}

/** The contents of the messages a bot received in a query, in order. */
function contentsOf(query: { body: Record<string, unknown> }): string[] {
  return (query.body.query as { content: string }[]).map((message) => message.content);
}

describe.each(TEST_DIALECTS)("a user's conversations on %s", (dialect) => {
  let platform: TestPlatform;
  let parrot: ScriptedBot;
  let user: TestClient;

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    // Answers every query with what it was just told, so a test can follow the history.
    parrot = await startScriptedBot((exchange) => {
      const query = exchange.request.body.query as { content: string }[];
      exchange.send("text", { text: `You said: ${query.at(-1)?.content}` });
      exchange.send("done");
      exchange.end();
    });
    user = await platform.signUp("user@example.com");
    await user.json("POST", "/api/bots", {
      handle: "parrot",
      display_name: "Polly",
      server_url: parrot.url,
      access_key: parrot.accessKey,
    });
    const avatar = new FormData();
    avatar.append("file", new Blob([PNG_BYTES], { type: "image/png" }), "polly.png");
    await fetch(`${platform.url}/api/bots/parrot/avatar`, {
      method: "POST",
      headers: { cookie: user.cookie },
      body: avatar,
    });
  });
  afterAll(async () => {
    await platform.dispose();
    await parrot.close();
  });

  /** Sends `content` (after `parentId` when given) and waits for the reply to end. */
  async function say(conversationId: string, content: string, parentId?: string | null) {
    const response = await user.request("POST", `/api/conversations/${conversationId}/messages`, {
      content,
      ...(parentId === undefined ? {} : { parent_id: parentId }),
    });
    const sent = (await response.json()) as { user_message: ApiMessage; bot_message: ApiMessage };
    await readReply(user, sent.bot_message.id);
    return sent;
  }

  describe("listed", () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      for (const name of ["first", "second", "third"]) {
        ids[name] = await startConversation(user, name === "second" ? "echo" : "parrot");
        await say(ids[name], `About the ${name} thing`);
      }
      // A message moves a conversation up the list.
      await say(ids.first!, "Back to the first");
    });

    it("come most recently updated first, with their bot and every field they always had", async () => {
      const page = await user.json<ConversationPage>("GET", "/api/conversations");
      expect(page.conversations.map((conversation) => conversation.id)).toEqual([
        ids.first,
        ids.third,
        ids.second,
      ]);
      expect(page.next_cursor).toBeNull();
      expect(page.conversations[0]).toEqual({
        id: ids.first,
        user_id: expect.stringMatching(/^usr_/) as string,
        bot_id: expect.stringMatching(/^bot_/) as string,
        title: "About the first thing",
        context_id: expect.stringMatching(/^c-/) as string,
        created_at: expect.any(Number) as number,
        updated_at: expect.any(Number) as number,
        bot: {
          handle: "parrot",
          display_name: "Polly",
          // The platform's own copy, as every bot shows it: never an address an author typed.
          avatar_url: expect.stringMatching(/^\/api\/bots\/parrot\/avatar\?v=\d+$/) as string,
        },
      });
      expect(page.conversations[2]?.bot).toMatchObject({ handle: "echo", display_name: "Echo" });
    });

    it("page with next_cursor, each conversation once", async () => {
      const first = await user.json<ConversationPage>("GET", "/api/conversations?limit=2");
      expect(first.conversations).toHaveLength(2);
      const second = await user.json<ConversationPage>(
        "GET",
        `/api/conversations?limit=2&cursor=${first.next_cursor}`,
      );
      expect(second.next_cursor).toBeNull();
      expect([...first.conversations, ...second.conversations].map((c) => c.id)).toEqual([
        ids.first,
        ids.third,
        ids.second,
      ]);
      for (const query of ["limit=0", "limit=101", "cursor=%%%"]) {
        const response = await user.request("GET", `/api/conversations?${query}`);
        expect([query, response.status]).toEqual([query, 400]);
      }
    });

    it("are renamed without moving, and found by title in any case, wildcards taken literally", async () => {
      const renamed = await user.json<{ conversation: ListedConversation }>(
        "PATCH",
        `/api/conversations/${ids.second}`,
        { title: "  100% Sure  " },
      );
      expect(renamed.conversation).toMatchObject({ id: ids.second, title: "100% Sure" });
      const all = await user.json<ConversationPage>("GET", "/api/conversations");
      expect(all.conversations.map((conversation) => conversation.id).at(-1)).toBe(ids.second);

      const search = async (q: string) =>
        (
          await user.json<ConversationPage>("GET", `/api/conversations?q=${encodeURIComponent(q)}`)
        ).conversations.map((conversation) => conversation.title);
      expect(await search("SURE")).toEqual(["100% Sure"]);
      expect(await search("%")).toEqual(["100% Sure"]);
      expect(await search("the")).toEqual(["About the first thing", "About the third thing"]);
      expect(await search("t_ing")).toEqual([]);
      expect(await search("   ")).toHaveLength(3);
    });

    it("refuse a blank, long or unknown rename, and other users' conversations", async () => {
      for (const body of [
        { title: "   " },
        { title: "x".repeat(201) },
        { title: "Ok", pin: true },
        {},
      ]) {
        const response = await user.request("PATCH", `/api/conversations/${ids.first}`, body);
        expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
      }
      const other = await platform.signUp("other@example.com");
      const response = await other.request("PATCH", `/api/conversations/${ids.first}`, {
        title: "Mine now",
      });
      expect(response.status).toBe(404);
      expect(await other.json<ConversationPage>("GET", "/api/conversations")).toEqual({
        conversations: [],
        next_cursor: null,
      });
    });
  });

  describe("branching", () => {
    it("edits a message: the bot sees the new branch only, and later messages follow it", async () => {
      const conversationId = await startConversation(user, "parrot");
      const one = await say(conversationId, "One");
      const two = await say(conversationId, "Two");
      // Edit "Two": the new message follows the reply to "One", as "Two" did.
      const edited = await say(conversationId, "Two, edited", one.bot_message.id);
      expect(edited.user_message.parent_id).toBe(one.bot_message.id);
      expect(contentsOf(parrot.received("query").at(-1)!)).toEqual([
        "One",
        "You said: One",
        "Two, edited",
      ]);
      // A plain send follows the newest reply, on the edited branch.
      await say(conversationId, "Three");
      expect(contentsOf(parrot.received("query").at(-1)!)).toEqual([
        "One",
        "You said: One",
        "Two, edited",
        "You said: Two, edited",
        "Three",
      ]);
      // Answering the old branch again: the bot sees that branch, not the edit.
      await say(conversationId, "Back on two", two.bot_message.id);
      expect(contentsOf(parrot.received("query").at(-1)!)).toEqual([
        "One",
        "You said: One",
        "Two",
        "You said: Two",
        "Back on two",
      ]);
    });

    it("edits the first message with parent_id null: a new root with no history", async () => {
      const conversationId = await startConversation(user, "parrot");
      await say(conversationId, "Hello");
      const edited = await say(conversationId, "Hello again", null);
      expect(edited.user_message.parent_id).toBeNull();
      expect(contentsOf(parrot.received("query").at(-1)!)).toEqual(["Hello again"]);
      const { messages } = await user.json<{ messages: ApiMessage[] }>(
        "GET",
        `/api/conversations/${conversationId}`,
      );
      expect(messages.filter((message) => message.parent_id === null)).toHaveLength(2);
    });

    it("refuses a parent that is not a finished bot reply of this conversation's current context", async () => {
      const conversationId = await startConversation(user, "parrot");
      const hello = await say(conversationId, "Hello");
      const elsewhere = await say(await startConversation(user, "parrot"), "Elsewhere");
      const refusal = async (parentId: unknown) => {
        const response = await user.request(
          "POST",
          `/api/conversations/${conversationId}/messages`,
          { content: "Next", parent_id: parentId },
        );
        return [
          response.status,
          ((await response.json()) as { error: { message: string } }).error.message,
        ];
      };
      const notHere = "parent_id is not a message of this conversation's current context";
      expect(await refusal(hello.user_message.id)).toEqual([
        400,
        expect.stringMatching(/must be a bot reply/),
      ]);
      expect(await refusal(elsewhere.bot_message.id)).toEqual([400, notHere]);
      expect(await refusal(`m-${"0".repeat(32)}`)).toEqual([400, notHere]);
      expect(await refusal(42)).toEqual([400, expect.stringMatching(/^parent_id /)]);
      await user.json("POST", `/api/conversations/${conversationId}/reset`);
      expect(await refusal(hello.bot_message.id)).toEqual([400, notHere]);
      const { messages } = await user.json<{ messages: ApiMessage[] }>(
        "GET",
        `/api/conversations/${conversationId}`,
      );
      expect(messages).toHaveLength(2);
    });

    it("refuses to follow a reply that is still being written", async () => {
      const slow = await startScriptedBot();
      try {
        await registerBot(user, slow, { handle: "slow" });
        const conversationId = await startConversation(user, "slow");
        const query = slow.nextQuery();
        const { botMessageId } = await sendMessage(user, conversationId, "Take your time");
        const exchange = await query;
        const response = await user.request(
          "POST",
          `/api/conversations/${conversationId}/messages`,
          { content: "Next", parent_id: botMessageId },
        );
        expect([response.status, await response.json()]).toEqual([
          400,
          {
            error: {
              code: "invalid_request",
              message: "parent_id is a reply that is still being written",
              field: "parent_id",
            },
          },
        ]);
        exchange.send("text", { text: "Done now" });
        exchange.send("done");
        exchange.end();
        await readReply(user, botMessageId);
      } finally {
        await slow.close();
      }
    });
  });
});
