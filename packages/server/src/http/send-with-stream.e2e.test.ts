import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  getMessage,
  liveStream,
  openStream,
  readToDone,
  readReply,
  registerBot,
  settledMessage,
  startConversation,
  visibleText,
} from "../testing/bots/chat-helpers.js";
import { startPacedBot, type PacedBot } from "../testing/bots/paced-bot.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

const STREAM = { accept: "text/event-stream" };

describe.each(TEST_DIALECTS)(
  "sending a message and reading its reply in one request, on %s",
  (dialect) => {
    let platform: TestPlatform;
    let bot: PacedBot;
    let user: TestClient;
    let conversationId: string;

    beforeEach(async () => {
      platform = await startTestPlatform(dialect);
      bot = await startPacedBot();
      user = await platform.signUp("user@example.com");
      await registerBot(user, bot, { handle: "paced" });
      conversationId = await startConversation(user, "paced");
    });
    afterEach(async () => {
      await platform.dispose();
      await bot.close();
    });

    const send = (content: string, headers: Record<string, string> = STREAM) =>
      user.request("POST", `/api/conversations/${conversationId}/messages`, { content }, headers);

    it("streams the reply as the response, names both messages, and replays the same events", async () => {
      const response = await send("Hi");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const botMessageId = response.headers.get("x-parlor-bot-message-id")!;
      const userMessageId = response.headers.get("x-parlor-user-message-id")!;
      expect(response.headers.get("content-location")).toBe(`/api/messages/${botMessageId}/stream`);

      for (const piece of ["Hello", ", ", "world"]) bot.push(piece);
      bot.finish();
      const events = await readToDone(liveStream(response));
      expect(visibleText(events)).toBe("Hello, world");
      expect(events.map((event) => event.id)).toEqual(["1", "2", "3", "4"]);
      expect(events.at(-1)).toMatchObject({ data: { status: "complete", text: "Hello, world" } });

      expect(await readReply(user, botMessageId)).toEqual(events);
      expect(await getMessage(user, userMessageId)).toMatchObject({ role: "user", content: "Hi" });
      expect(bot.queries[0]?.query.at(-1)?.content).toBe("Hi");
    });

    it("keeps the reply going when the sending request drops, and resumes at Content-Location", async () => {
      const response = await send("Tell me more");
      const botMessageId = response.headers.get("x-parlor-bot-message-id")!;
      const first = liveStream(response);
      bot.push("One, ");
      const seen = await first.next();
      expect(seen).toMatchObject({ id: "1", event: "text", data: { text: "One, " } });
      await first.close();

      bot.push("two.");
      bot.finish();
      const rest = await readToDone(await openStream(user, botMessageId, seen.id));
      expect(visibleText(rest, "One, ")).toBe("One, two.");
      expect(rest.map((event) => event.id)).toEqual(["2", "3"]);
      expect(bot.aborted).toBe(false);
      expect(await settledMessage(user, botMessageId)).toMatchObject({
        status: "complete",
        content: "One, two.",
      });
    });

    it("regenerates in one request too", async () => {
      const sent = await send("Hi");
      const firstReplyId = sent.headers.get("x-parlor-bot-message-id")!;
      bot.push("First");
      bot.finish();
      await readToDone(liveStream(sent));

      const response = await user.request(
        "POST",
        `/api/messages/${firstReplyId}/regenerate`,
        undefined,
        STREAM,
      );
      expect(response.status).toBe(200);
      const secondReplyId = response.headers.get("x-parlor-bot-message-id")!;
      expect(secondReplyId).not.toBe(firstReplyId);
      bot.push("Second");
      bot.finish();
      expect(visibleText(await readToDone(liveStream(response)))).toBe("Second");
    });

    it("still answers refusals as JSON with their status, storing nothing", async () => {
      const missing = await user.request(
        "POST",
        "/api/conversations/no-such-conversation/messages",
        { content: "Hi" },
        STREAM,
      );
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toMatch(/^application\/json/);

      const empty = await send("");
      expect(empty.status).toBe(400);
      expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(
        /content/,
      );
      const { messages } = await user.json<{ messages: unknown[] }>(
        "GET",
        `/api/conversations/${conversationId}`,
      );
      expect(messages).toEqual([]);
      expect(bot.queries).toHaveLength(0);
    });

    it("keeps the two-request send for clients that do not ask for a stream", async () => {
      const response = await send("Hi", {});
      expect(response.status).toBe(202);
      const body = (await response.json()) as { stream_url: string; bot_message: { id: string } };
      expect(body.stream_url).toBe(`/api/messages/${body.bot_message.id}/stream`);
    });
  },
);
