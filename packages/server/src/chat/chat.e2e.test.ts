import { afterEach, describe, expect, it } from "vitest";
import { readEvents, startTestPlatform, type TestPlatform } from "../testing/test-platform.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";

describe.each(TEST_DIALECTS)("chatting with the built-in echo bot on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
  });

  it("streams a reply, stores it, and shows it in the history", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    const { conversation } = await alice.json<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "echo" },
    );
    const sent = await alice.json<{ bot_message: { id: string }; stream_url: string }>(
      "POST",
      `/api/conversations/${conversation.id}/messages`,
      { content: "hello world" },
    );
    const events = await readEvents(await alice.request("GET", sent.stream_url));
    const text = events
      .filter((e) => e.event === "text")
      .map((e) => e.data.text)
      .join("");
    expect(text).toBe("hello world");
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "complete" } });
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, index) => index + 1));

    const history = await alice.json<{
      messages: { role: string; content: string; status: string; suggested_replies: string[] }[];
    }>("GET", `/api/conversations/${conversation.id}`);
    expect(history.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", "hello world", "complete"],
      ["bot", "hello world", "complete"],
    ]);
    expect(history.messages[1]!.suggested_replies).toEqual(["Say it again"]);
  });

  it("hides one user's conversation from another", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com");
    const bob = await platform.signUp("bob@example.com");
    const { conversation } = await alice.json<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "echo" },
    );
    expect((await bob.request("GET", `/api/conversations/${conversation.id}`)).status).toBe(404);
  });
});
