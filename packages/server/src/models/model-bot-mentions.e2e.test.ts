import {
  anthropicStream,
  openAiStream,
  startFakeAnthropic,
  startFakeOpenAi,
  type FakeVendorServer,
} from "@parlor/providers/testing";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { TestClient, TestPlatform } from "../testing/test-platform.js";
import { startModelsPlatform } from "./testing/model-test-helpers.js";

interface ShownMessage {
  role: string;
  content: string;
  bot: { handle: string; display_name: string } | null;
}

describe.each(TEST_DIALECTS)("mentioning a model bot on %s", (dialect) => {
  let openai: FakeVendorServer;
  let anthropic: FakeVendorServer;
  let platform: TestPlatform;
  afterEach(async () => {
    await platform?.dispose();
    await openai?.close();
    await anthropic?.close();
  });

  async function say(user: TestClient, conversationId: string, content: string) {
    const sent = await user.json<{ stream_url: string }>(
      "POST",
      `/api/conversations/${conversationId}/messages`,
      { content },
    );
    await (await user.request("GET", sent.stream_url)).text();
  }

  it("lets @Claude-Sonnet-4 answer in a GPT-4o conversation, with GPT-4o's reply as context", async () => {
    openai = await startFakeOpenAi(["gpt-4o"]);
    anthropic = await startFakeAnthropic(["claude-sonnet-4-20250514"]);
    let user: TestClient;
    ({ platform, user } = await startModelsPlatform(dialect, {
      OPENAI_API_KEY: "sk-openai",
      OPENAI_BASE_URL: `${openai.url}/v1`,
      ANTHROPIC_API_KEY: "sk-ant",
      ANTHROPIC_BASE_URL: anthropic.url,
    }));
    const { conversation } = await user.json<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "gpt-4o" },
    );
    openai.reply(openAiStream({ text: ["Paris is the capital."] }));
    await say(user, conversation.id, "What is the capital of France?");
    anthropic.reply(anthropicStream({ text: ["I agree: ", "Paris."] }));
    await say(user, conversation.id, "@Claude-Sonnet-4 what do you think?");

    const asked = anthropic.requests.find((request) => request.path.endsWith("/messages"))!;
    expect(asked.body).toMatchObject({ model: "claude-sonnet-4-20250514", stream: true });
    // Anthropic's roles alternate: GPT-4o's words reach Claude as context, said to be GPT-4o's.
    const messages = (asked.body as { messages: { role: string; content: unknown }[] }).messages;
    expect(messages.map((message) => message.role)).toEqual(["user"]);
    const said = JSON.stringify(messages[0]!.content);
    expect(said).toContain("What is the capital of France?");
    expect(said).toContain("@gpt-4o replied:");
    expect(said).toContain("Paris is the capital.");
    expect(said).toContain("@Claude-Sonnet-4 what do you think?");

    const shown = await user.json<{ messages: ShownMessage[] }>(
      "GET",
      `/api/conversations/${conversation.id}`,
    );
    expect(
      shown.messages.map((message) => [message.role, message.bot?.display_name ?? null]),
    ).toEqual([
      ["user", null],
      ["bot", null],
      ["user", null],
      ["bot", "Claude-Sonnet-4"],
    ]);
    expect(shown.messages[3]!.content).toBe("I agree: Paris.");
    // The conversation's own bot answers the next plain message.
    openai.reply(openAiStream({ text: ["Yes."] }));
    await say(user, conversation.id, "Thanks");
    expect(
      openai.requests.filter((request) => request.path.endsWith("/chat/completions")),
    ).toHaveLength(2);
  });
});
