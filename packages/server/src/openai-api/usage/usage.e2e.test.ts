import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { ReplyUsage } from "../../relay/bot-runner.js";
import {
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "../../poe-api/testing/api-test-helpers.js";

describe("usage in /v1/chat/completions", () => {
  let test: ApiTestContext | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await test?.platform.dispose();
    test = server = undefined;
  });

  const client = () =>
    new OpenAI({ apiKey: test!.apiKey, baseURL: `${test!.platform.url}/v1`, maxRetries: 0 });

  /** OpenAI's count of a chat prompt: 3 tokens framing each message, 3 priming the reply. */
  const promptTokens = (messages: { role: string; content: string }[]) =>
    3 + messages.reduce((sum, m) => sum + 3 + countTokens(m.role) + countTokens(m.content), 0);

  /**
   * A bot whose runner reports the vendor's token counts, as a model bot's does: a server bot
   * answering `reply`, its reply stream given `usage()`.
   */
  async function countingBot(reply: string, usage: ReplyUsage) {
    server = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield reply;
        },
      }),
    );
    await registerServerBot(test!.user, {
      handle: "counted",
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    const registry = test!.platform.platform.registry;
    const runnerFor = registry.runnerFor.bind(registry);
    registry.runnerFor = (bot) => {
      const runner = runnerFor(bot);
      if (bot.handle !== "counted") return runner;
      return {
        ...runner,
        query: async (request, signal) => ({
          ...(await runner.query(request, signal)),
          usage: () => usage,
        }),
      };
    };
  }

  it("counts a bot's prompt and reply with the tokenizer when the bot reports no usage", async () => {
    test = await startApiTest();
    const messages = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: "hello streaming world" },
    ];
    const completion = await client().chat.completions.create({ model: "echo", messages });
    expect(completion.choices[0]?.message.content).toBe("hello streaming world");
    expect(completion.usage).toEqual({
      prompt_tokens: promptTokens(messages),
      // "hello streaming world" is three o200k tokens.
      completion_tokens: 3,
      total_tokens: promptTokens(messages) + 3,
    });
  });

  it("sends usage in a last chunk without choices when stream_options.include_usage is set", async () => {
    test = await startApiTest();
    const messages = [{ role: "user" as const, content: "one two three four" }];
    const stream = await client().chat.completions.create({
      model: "echo",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({
      prompt_tokens: promptTokens(messages),
      completion_tokens: countTokens("one two three four"),
      total_tokens: promptTokens(messages) + countTokens("one two three four"),
    });
    // Every other chunk says `usage: null`, the finish chunk included, as OpenAI's do.
    expect(chunks.slice(0, -1).map((chunk) => chunk.usage)).toEqual(
      chunks.slice(0, -1).map(() => null),
    );
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("streams no usage at all unless asked, as OpenAI does", async () => {
    test = await startApiTest();
    const stream = await client().chat.completions.create({
      model: "echo",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => !("usage" in chunk))).toBe(true);
    expect(chunks.every((chunk) => chunk.choices.length === 1)).toBe(true);
  });

  it("reports the tokens the bot's runner counted, streaming and not", async () => {
    test = await startApiTest();
    await countingBot("Hello from the model.", {
      inputTokens: 1234,
      outputTokens: 56,
      provider: "openai",
      model: "gpt-4o-mini",
    });
    const messages = [{ role: "user" as const, content: "hi" }];
    const completion = await client().chat.completions.create({ model: "counted", messages });
    expect(completion.choices[0]?.message.content).toBe("Hello from the model.");
    expect(completion.usage).toEqual({
      prompt_tokens: 1234,
      completion_tokens: 56,
      total_tokens: 1290,
    });

    const stream = await client().chat.completions.create({
      model: "counted",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage;
    }
    expect(text).toBe("Hello from the model.");
    expect(usage).toEqual({ prompt_tokens: 1234, completion_tokens: 56, total_tokens: 1290 });
  });

  it("refuses stream_options on a request that does not stream, as OpenAI does", async () => {
    test = await startApiTest();
    const refused = await client()
      .chat.completions.create({
        model: "echo",
        messages: [{ role: "user", content: "hi" }],
        stream_options: { include_usage: true },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused).toMatchObject({ status: 400, param: "stream_options" });
  });

  it("counts special-token markers in user text as plain text", async () => {
    test = await startApiTest();
    const content = "say <|endoftext|> and <|im_start|>";
    const completion = await client().chat.completions.create({
      model: "echo",
      messages: [{ role: "user", content }],
    });
    expect(completion.choices[0]?.message.content).toBe(content);
    expect(completion.usage?.completion_tokens).toBe(
      countTokens(content, { disallowedSpecial: new Set() }),
    );
  });
});
