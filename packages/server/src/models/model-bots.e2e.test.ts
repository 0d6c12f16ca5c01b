import {
  anthropicStream,
  geminiStream,
  openAiErrors,
  openAiStream,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOpenAi,
  type FakeVendorServer,
} from "@parlor/providers/testing";
import { protocolMessageSchema, type QueryRequest } from "@parlor/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { chatWith } from "../poe-api/testing/api-test-helpers.js";
import type { ReplySink } from "../relay/bot-runner.js";
import { createTestDatabase, TEST_DIALECTS } from "../testing/test-databases.js";
import type { TestPlatform } from "../testing/test-platform.js";
import { listedBots, startModelsPlatform } from "./testing/model-test-helpers.js";

describe.each(TEST_DIALECTS)("model bots on %s", (dialect) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function fakeOf(start: Promise<FakeVendorServer>) {
    const fake = await start;
    cleanups.push(() => fake.close());
    return fake;
  }
  async function platformWith(env: Record<string, string>, database?: TestPlatform["database"]) {
    const started = await startModelsPlatform(dialect, env, database);
    cleanups.push(() => started.platform.dispose());
    return started;
  }

  it("lists an OpenAI key's chat models as bots with the vendor's avatar, and chats with them", async () => {
    const fake = await fakeOf(
      startFakeOpenAi(["gpt-4o", "gpt-4o-mini", "text-embedding-3-small", "whisper-1"]),
    );
    const { platform, user } = await platformWith({
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    });
    const models = (await listedBots(user)).filter((bot) => bot.kind === "model");
    expect(models.map((bot) => [bot.handle, bot.display_name, bot.model])).toEqual([
      ["gpt-4o", "GPT-4o", { provider: "openai", vendor: "OpenAI", model_id: "gpt-4o" }],
      [
        "gpt-4o-mini",
        "GPT-4o-Mini",
        { provider: "openai", vendor: "OpenAI", model_id: "gpt-4o-mini" },
      ],
    ]);
    const avatar = await user.request("GET", models[0]!.avatar_url!);
    expect(avatar.headers.get("content-type")).toBe("image/png");
    // The embedding model is kept for /v1/embeddings, not made a bot.
    expect(await platform.platform.models.embeddingTarget("text-embedding-3-small")).toMatchObject({
      model: "text-embedding-3-small",
      provider: { id: "openai" },
    });
    expect(await platform.platform.models.embeddingTarget("gpt-4o")).toBeNull();

    fake.reply(openAiStream({ text: ["Hello", " there"], usage: { input: 11, output: 2 } }));
    const reply = await chatWith(user, "GPT-4o", "Hi!");
    expect(reply).toMatchObject({ text: "Hello there", status: "complete" });
    const request = fake.requests.at(-1)!;
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({
      model: "gpt-4o",
      stream: true,
      messages: [{ role: "user", content: "Hi!" }],
    });
  });

  it("counts the tokens the vendor reported for the reply", async () => {
    const fake = await fakeOf(startFakeOpenAi(["gpt-4o"]));
    const { platform } = await platformWith({
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    });
    fake.reply(openAiStream({ text: ["Hi"], usage: { input: 21, output: 3 } }));
    const bot = (await platform.platform.store.bots.findByHandle("gpt-4o"))!;
    const runner = platform.platform.registry.runnerFor(bot);
    const request = {
      version: "1.2",
      type: "query",
      query: [protocolMessageSchema.parse({ role: "user", content: "Hello" })],
      temperature: 0.3,
      stop_sequences: ["END"],
      tools: null,
      tool_calls: null,
      tool_results: null,
      extra_params: { max_tokens: 50 },
    } as unknown as QueryRequest;
    const reply = await runner.query(request, new AbortController().signal);
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const sink: ReplySink = {
        message: (message) => events.push(message.event),
        end: resolve,
        fail: reject,
      };
      reply.read(sink);
    });
    expect(events).toEqual(["text", "done"]);
    expect(reply.usage?.()).toEqual({
      inputTokens: 21,
      outputTokens: 3,
      provider: "openai",
      model: "gpt-4o",
    });
    expect(fake.requests.at(-1)!.body).toMatchObject({
      temperature: 0.3,
      stop: ["END"],
      max_completion_tokens: 50,
    });
  });

  it("chats with Anthropic and Gemini models through their fakes", async () => {
    const anthropic = await fakeOf(startFakeAnthropic(["claude-sonnet-4-20250514"]));
    const gemini = await fakeOf(startFakeGemini(["gemini-2.5-flash"]));
    const { user } = await platformWith({
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: anthropic.url,
      GEMINI_API_KEY: "gemini-test",
      GEMINI_BASE_URL: gemini.url,
    });
    const models = (await listedBots(user)).filter((bot) => bot.kind === "model");
    expect(models.map((bot) => [bot.display_name, bot.model?.vendor])).toEqual([
      ["Claude-Sonnet-4", "Anthropic"],
      ["Gemini-2.5-Flash", "Google Gemini"],
    ]);
    anthropic.reply(anthropicStream({ text: ["Bonjour"], usage: { input: 5, output: 1 } }));
    expect(await chatWith(user, "Claude-Sonnet-4", "Salut")).toMatchObject({
      text: "Bonjour",
      status: "complete",
    });
    gemini.reply(geminiStream({ text: ["Hallo"], usage: { input: 5, output: 1 } }));
    expect(await chatWith(user, "gemini-2.5-flash", "Hi")).toMatchObject({
      text: "Hallo",
      status: "complete",
    });
    expect(anthropic.requests.at(-1)!.headers.authorization).toBe("Bearer sk-ant-test");
  });

  it("tells the user the admin must fix a refused key, and shows it in the admin's provider status", async () => {
    const fake = await fakeOf(startFakeOpenAi(["gpt-4o"]));
    const { user } = await platformWith({
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    });
    fake.reply(openAiErrors.invalidKey);
    const reply = await chatWith(user, "gpt-4o", "Hi");
    expect(reply.status).toBe("error");
    const history = await user.json<{ messages: { error: string | null }[] }>(
      "GET",
      `/api/conversations/${reply.conversationId}`,
    );
    expect(history.messages[1]!.error).toBe(
      "OpenAI refused this Parlor's API key. An admin must fix the key in Admin → Models.",
    );
    const { providers } = await user.json<{ providers: { id: string; status: string }[] }>(
      "GET",
      "/api/admin/models/providers",
    );
    expect(providers.find((provider) => provider.id === "openai")?.status).toBe("key_wrong");
  });

  it("stops listing a vendor's bots when its key is gone, and says so to whoever calls one", async () => {
    const fake = await fakeOf(startFakeOpenAi(["gpt-4o"]));
    const database = await createTestDatabase(dialect);
    const first = await startModelsPlatform(
      dialect,
      { OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: `${fake.url}/v1` },
      database,
    );
    const { conversation } = await first.user.json<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "gpt-4o" },
    );
    const { user: me } = await first.user.json<{ user: { email: string } }>("GET", "/api/auth/me");
    await first.platform.dispose();
    const { platform, user } = await platformWith({}, database);
    cleanups.push(() => database.dispose());
    expect((await listedBots(user)).some((bot) => bot.kind === "model")).toBe(false);
    const again = await platform.logIn(me.email);
    const sent = await again.json<{ stream_url: string }>(
      "POST",
      `/api/conversations/${conversation.id}/messages`,
      { content: "Still there?" },
    );
    const response = await again.request("GET", sent.stream_url);
    expect(await response.text()).toContain("OpenAI is not configured on this Parlor.");
  });
});
