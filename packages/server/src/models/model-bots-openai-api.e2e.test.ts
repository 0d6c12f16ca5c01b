import { openAiStream, startFakeOpenAi, type FakeVendorServer } from "@parlor/providers/testing";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { TestPlatform } from "../testing/test-platform.js";
import { startModelsPlatform } from "./testing/model-test-helpers.js";

/** The official `openai` client against Parlor, with OpenAI configured as a user would: by env. */
describe("a model bot through the OpenAI-compatible API, end to end", () => {
  let fake: FakeVendorServer | undefined;
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await fake?.close();
  });

  async function start() {
    fake = await startFakeOpenAi(["gpt-4o", "text-embedding-3-small"]);
    const started = await startModelsPlatform("sqlite", {
      OPENAI_API_KEY: "sk-vendor",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    });
    platform = started.platform;
    const { key } = await started.user.json<{ key: string }>("POST", "/api/keys", { name: "app" });
    return new OpenAI({ apiKey: key, baseURL: `${platform.url}/v1`, maxRetries: 0 });
  }

  it("streams the vendor's answer with the vendor's token counts in the last chunk", async () => {
    const client = await start();
    fake!.reply(openAiStream({ text: ["Bonjour", " !"], usage: { input: 17, output: 3 } }));
    const stream = await client.chat.completions.create({
      model: "GPT-4o",
      messages: [{ role: "user", content: "Say hello in French" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("Bonjour !");
    expect(usage).toEqual({ prompt_tokens: 17, completion_tokens: 3, total_tokens: 20 });
    // And the vendor was asked with Parlor's key, not the caller's.
    expect(fake!.requests.at(-1)!.headers.authorization).toBe("Bearer sk-vendor");
  });

  it("serves the vendor's embedding model at /v1/embeddings", async () => {
    const client = await start();
    const answer = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: ["first", "second"],
    });
    expect(answer.data.map((item) => item.index)).toEqual([0, 1]);
    expect(answer.data[0]!.embedding.length).toBeGreaterThan(0);
    expect(answer.usage.prompt_tokens).toBeGreaterThan(0);
    const sent = fake!.requests.at(-1)!;
    expect(sent.path).toBe("/v1/embeddings");
    expect(sent.body).toMatchObject({
      model: "text-embedding-3-small",
      input: ["first", "second"],
    });
  });
});
