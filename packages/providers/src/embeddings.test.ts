import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "./anthropic/anthropic-provider.js";
import { createGeminiProvider } from "./gemini/gemini-provider.js";
import { createOpenAiCompatibleProvider, createOpenAiProvider } from "./openai/openai-provider.js";
import {
  ProviderAuthError,
  ProviderUnavailableError,
  RateLimitedError,
} from "./provider-errors.js";
import { fakeEmbedding } from "./testing/fake-embeddings.js";
import { geminiErrors, startFakeGemini } from "./testing/fake-gemini.js";
import { openAiErrors, startFakeOpenAi } from "./testing/fake-openai.js";
import { lastRequestBody, type FakeVendorServer } from "./testing/fake-vendor-server.js";

let fake: FakeVendorServer | undefined;
let waits: number[] = [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  waits = [];
});
const retry = { sleep: async (milliseconds: number) => void waits.push(milliseconds) };

describe("OpenAI embeddings", () => {
  const provider = () =>
    createOpenAiProvider({ apiKey: "sk-test", baseUrl: `${fake!.url}/v1`, retry });

  it("embeds each text in order, with the tokens OpenAI counted", async () => {
    fake = await startFakeOpenAi();
    const result = await provider().embed!({
      model: "text-embedding-3-small",
      input: ["first text", "the second one"],
      dimensions: 4,
    });
    expect(result).toEqual({
      vectors: [fakeEmbedding("first text", 4), fakeEmbedding("the second one", 4)],
      usage: { input_tokens: 5 },
    });
    expect(fake.requests.at(-1)?.path).toBe("/v1/embeddings");
    expect(lastRequestBody(fake)).toEqual({
      model: "text-embedding-3-small",
      input: ["first text", "the second one"],
      encoding_format: "float",
      dimensions: 4,
    });
  });

  it("puts vectors back in input order when the vendor answers them out of order", async () => {
    fake = await startFakeOpenAi();
    fake.reply({
      json: {
        object: "list",
        data: [
          { object: "embedding", index: 1, embedding: [2] },
          { object: "embedding", index: 0, embedding: [1] },
        ],
        model: "m",
        usage: { prompt_tokens: 2, total_tokens: 2 },
      },
    });
    const result = await provider().embed!({ model: "m", input: ["a", "b"] });
    expect(result.vectors).toEqual([[1], [2]]);
  });

  it("refuses an answer with fewer vectors than inputs", async () => {
    fake = await startFakeOpenAi();
    const short = {
      json: {
        object: "list",
        data: [{ object: "embedding", index: 0, embedding: [1] }],
        model: "m",
        usage: { prompt_tokens: 2, total_tokens: 2 },
      },
    };
    fake.reply(short, short, short);
    await expect(provider().embed!({ model: "m", input: ["a", "b"] })).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
  });

  it("retries a 429 after its Retry-After, and tells a wrong key apart", async () => {
    fake = await startFakeOpenAi();
    fake.reply(openAiErrors.rateLimited(2));
    const result = await provider().embed!({ model: "m", input: ["hi"] });
    expect(result.vectors).toEqual([fakeEmbedding("hi")]);
    expect(waits).toEqual([2000]);

    fake.reply(openAiErrors.invalidKey);
    await expect(provider().embed!({ model: "m", input: ["hi"] })).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
  });

  it("gives up after three tries of a rate-limited call", async () => {
    fake = await startFakeOpenAi();
    fake.reply(
      openAiErrors.rateLimited(1),
      openAiErrors.rateLimited(1),
      openAiErrors.rateLimited(1),
    );
    await expect(provider().embed!({ model: "m", input: ["hi"] })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(fake.requests).toHaveLength(3);
  });

  it("serves OpenAI-compatible servers too", async () => {
    fake = await startFakeOpenAi();
    const compatible = createOpenAiCompatibleProvider({
      name: "Ollama",
      baseUrl: `${fake.url}/v1`,
    });
    const result = await compatible.embed!({ model: "nomic-embed-text", input: ["x"] });
    expect(result.vectors).toEqual([fakeEmbedding("x")]);
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
  });
});

describe("Gemini embeddings", () => {
  const provider = () => createGeminiProvider({ apiKey: "gm-test", baseUrl: fake!.url, retry });

  it("embeds with batchEmbedContents, one request per text, estimating the tokens", async () => {
    fake = await startFakeGemini();
    const result = await provider().embed!({
      model: "gemini-embedding-001",
      input: ["first text", "abcdefgh"],
      dimensions: 3,
    });
    expect(result).toEqual({
      vectors: [fakeEmbedding("first text", 3), fakeEmbedding("abcdefgh", 3)],
      // Gemini counts no embedding tokens: a quarter of the characters, rounded up.
      usage: { input_tokens: 3 + 2 },
    });
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    expect(request.headers["x-goog-api-key"]).toBe("gm-test");
    expect(lastRequestBody(fake)).toMatchObject({
      requests: [
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "first text" }] },
          outputDimensionality: 3,
        },
        { content: { parts: [{ text: "abcdefgh" }] }, outputDimensionality: 3 },
      ],
    });
  });

  it("maps Gemini's errors as for answers: 503 retried, a bad key is an auth error", async () => {
    fake = await startFakeGemini();
    fake.reply(geminiErrors.overloaded);
    expect((await provider().embed!({ model: "m", input: ["a"] })).vectors).toHaveLength(1);
    expect(waits).toHaveLength(1);

    fake.reply(geminiErrors.invalidKey);
    await expect(provider().embed!({ model: "m", input: ["a"] })).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
  });
});

describe("Anthropic", () => {
  it("offers no embeddings", () => {
    expect("embed" in createAnthropicProvider({ apiKey: "x" })).toBe(false);
  });
});
