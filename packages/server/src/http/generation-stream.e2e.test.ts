import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  getMessage,
  liveStream,
  openStream,
  readToDone,
  readReply,
  registerBot,
  sendMessage,
  settledMessage,
  startConversation,
  visibleText,
} from "../testing/bots/chat-helpers.js";
import { startPacedBot, type PacedBot } from "../testing/bots/paced-bot.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe.each(TEST_DIALECTS)("watching a reply stream on %s", (dialect) => {
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
    vi.useRealTimers();
    await platform.dispose();
    await bot.close();
  });

  it("delivers the same events with the same ids to two attached clients", async () => {
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Hi");
    await query;
    const first = await openStream(user, botMessageId);
    const second = await openStream(user, botMessageId);
    for (const piece of ["Hello", ", ", "world"]) bot.push(piece);
    bot.finish();
    const [firstEvents, secondEvents] = await Promise.all([readToDone(first), readToDone(second)]);

    expect(secondEvents).toEqual(firstEvents);
    expect(firstEvents.map((event) => event.id)).toEqual(["1", "2", "3", "4"]);
    expect(visibleText(firstEvents)).toBe("Hello, world");
    expect(firstEvents.at(-1)).toMatchObject({ event: "done", data: { status: "complete" } });
    expect(await getMessage(user, botMessageId)).toMatchObject({
      status: "complete",
      content: "Hello, world",
    });
  });

  it("resumes after a reload with Last-Event-ID: nothing lost, nothing doubled", async () => {
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Count");
    await query;
    const beforeReload = await openStream(user, botMessageId);
    bot.push("one ");
    bot.push("two ");
    const seen = [await beforeReload.next(), await beforeReload.next()];
    await beforeReload.close();

    // Written while no client is attached: it must neither be lost nor stop the bot.
    bot.push("three ");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const afterReload = await openStream(user, botMessageId, seen.at(-1)!.id);
    bot.push("four");
    bot.finish();
    const rest = await readToDone(afterReload);

    const all = [...seen, ...rest];
    expect(all.map((event) => Number(event.id))).toEqual(all.map((_, index) => index + 1));
    expect(rest.map((event) => event.event)).toEqual(["text", "text", "done"]);
    const stored = await getMessage(user, botMessageId);
    expect(stored).toMatchObject({ status: "complete", content: "one two three four" });
    expect(visibleText(all)).toBe(stored.content);
    expect(bot.aborted).toBe(false);
  });

  it("resumes a finished reply from Last-Event-ID with only what is left", async () => {
    const { botMessageId } = await sendMessage(user, conversationId, "Count");
    bot.push("one ");
    bot.push("two");
    bot.finish();
    const everything = await readReply(user, botMessageId);
    const rest = await readReply(user, botMessageId, "1");
    expect(rest).toEqual(everything.slice(1));
  });

  it("ends at once for a Last-Event-ID at or past a finished reply's end, repeating its final state", async () => {
    const { botMessageId } = await sendMessage(user, conversationId, "Count");
    bot.push("one");
    bot.finish();
    const everything = await readReply(user, botMessageId);
    const last = everything.at(-1)!;
    // A client that saw the end, and one whose id is from nowhere (a bug, a forged header):
    // both are told how the reply ended instead of being kept waiting on heartbeats.
    for (const lastEventId of [last.id!, "999999"]) {
      const rest = await readReply(user, botMessageId, lastEventId);
      expect(rest).toEqual([last]);
    }
  });

  it("keeps writing when every client leaves, and stops only on an explicit stop", async () => {
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Write a long essay");
    await query;
    const watcher = await openStream(user, botMessageId);
    bot.push("It was ");
    await watcher.next();
    await watcher.close();
    bot.push("a dark night");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bot.aborted).toBe(false);
    expect((await getMessage(user, botMessageId)).status).toBe("streaming");

    const hungUp = bot.hungUp();
    expect(await user.json("POST", `/api/messages/${botMessageId}/stop`)).toEqual({
      stopped: true,
    });
    await hungUp;
    const stored = await settledMessage(user, botMessageId);
    expect(stored).toMatchObject({
      status: "incomplete",
      content: "It was a dark night",
      error: "Stopped",
    });
    // A client attaching now sees the text so far and the final state.
    const late = await readReply(user, botMessageId);
    expect(visibleText(late)).toBe("It was a dark night");
    expect(late.at(-1)).toMatchObject({ event: "done", data: { status: "incomplete" } });
  });

  it("stops the bot when the user deletes the conversation it is writing in", async () => {
    const query = bot.nextQuery();
    const { botMessageId } = await sendMessage(user, conversationId, "Write a long essay");
    await query;
    const watcher = await openStream(user, botMessageId);
    bot.push("It was ");
    await watcher.next();
    const hungUp = bot.hungUp();
    await user.json("DELETE", `/api/conversations/${conversationId}`);
    await hungUp;
    expect(await watcher.next()).toMatchObject({ event: "done", data: { status: "incomplete" } });
    expect((await user.request("GET", `/api/messages/${botMessageId}`)).status).toBe(404);
  });

  it("leaves no heartbeat running after serving a reply that had already finished", async () => {
    const { botMessageId } = await sendMessage(user, conversationId, "Hi");
    bot.push("Hello");
    bot.finish();
    await readReply(user, botMessageId);
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    // Attached after the end: served from the generation log's replay.
    const late = await readReply(user, botMessageId);
    expect(late.at(-1)).toMatchObject({ event: "done" });
    // A heartbeat left behind would write to the closed stream and throw here.
    expect(() => vi.advanceTimersByTime(60_000)).not.toThrow();
  });

  describe("sending a message and reading its reply in one request", () => {
    const STREAM = { accept: "text/event-stream" };
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
  });
});
