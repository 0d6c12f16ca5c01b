import {
  createAnthropicProvider,
  createGeminiProvider,
  createOpenAiProvider,
  type ModelProvider,
} from "@parlor/providers";
import {
  fakeEmbedding,
  geminiErrors,
  lastRequestBody,
  openAiErrors,
  startFakeGemini,
  startFakeOpenAi,
  type FakeVendorServer,
} from "@parlor/providers/testing";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startApiTest, type ApiTestContext } from "../../poe-api/testing/api-test-helpers.js";
import type { EmbeddingTargets } from "./embedding-targets.js";

describe("/v1/embeddings", () => {
  let test: ApiTestContext | undefined;
  let openai: FakeVendorServer | undefined;
  let gemini: FakeVendorServer | undefined;
  afterEach(async () => {
    await test?.platform.dispose();
    await openai?.close();
    await gemini?.close();
    test = openai = gemini = undefined;
  });

  /**
   * A platform whose model catalogue holds three embedding models, each on a real provider:
   * `text-embedding-3-small` on a fake OpenAI, `gemini-embedding-001` on a fake Gemini, and
   * `claude-embed` on Anthropic, which has no embeddings.
   */
  async function start() {
    openai = await startFakeOpenAi();
    gemini = await startFakeGemini();
    const noWaiting = { sleep: async () => undefined };
    const providers: Record<string, ModelProvider> = {
      "text-embedding-3-small": createOpenAiProvider({
        apiKey: "sk-test",
        baseUrl: `${openai.url}/v1`,
        retry: noWaiting,
      }),
      "gemini-embedding-001": createGeminiProvider({
        apiKey: "gm-test",
        baseUrl: gemini.url,
        retry: noWaiting,
      }),
      "claude-embed": createAnthropicProvider({ apiKey: "sk-ant-test" }),
    };
    const embeddingTargets: EmbeddingTargets = {
      embeddingTarget: async (model) => {
        const provider = providers[model];
        return provider ? { provider, model } : null;
      },
    };
    test = await startApiTest({ overrides: { embeddingTargets } });
  }

  const client = () =>
    new OpenAI({ apiKey: test!.apiKey, baseURL: `${test!.platform.url}/v1`, maxRetries: 0 });
  const post = (body: unknown, apiKey = test!.apiKey) =>
    fetch(`${test!.platform.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("embeds texts through the official openai client (which asks for base64)", async () => {
    await start();
    const response = await client().embeddings.create({
      model: "text-embedding-3-small",
      input: ["The food was delicious", "and the waiter friendly"],
    });
    expect(response).toMatchObject({
      object: "list",
      model: "text-embedding-3-small",
      usage: { prompt_tokens: 8, total_tokens: 8 },
    });
    expect(response.data.map((item) => [item.index, item.embedding])).toEqual([
      [0, fakeEmbedding("The food was delicious")],
      [1, fakeEmbedding("and the waiter friendly")],
    ]);
    // Parlor asks the vendor for floats whatever the client asked Parlor for.
    expect(lastRequestBody(openai!)).toMatchObject({ encoding_format: "float" });
  });

  it("answers floats or base64 as asked, and passes dimensions to the vendor", async () => {
    await start();
    const floats = await post({
      model: "text-embedding-3-small",
      input: "one text",
      encoding_format: "float",
      dimensions: 3,
    });
    expect(floats.status).toBe(200);
    expect(await floats.json()).toEqual({
      object: "list",
      data: [{ object: "embedding", index: 0, embedding: fakeEmbedding("one text", 3) }],
      model: "text-embedding-3-small",
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(lastRequestBody(openai!)).toMatchObject({ input: ["one text"], dimensions: 3 });

    const base64 = await post({
      model: "text-embedding-3-small",
      input: ["one text"],
      encoding_format: "base64",
    });
    const { data } = (await base64.json()) as { data: { embedding: string }[] };
    const bytes = Buffer.from(data[0]!.embedding, "base64");
    const decoded = Array.from({ length: bytes.length / 4 }, (_, index) =>
      bytes.readFloatLE(index * 4),
    );
    expect(decoded).toEqual(fakeEmbedding("one text"));
  });

  it("serves Gemini embedding models the same way", async () => {
    await start();
    const response = await client().embeddings.create({
      model: "gemini-embedding-001",
      input: "abcdefgh",
      encoding_format: "float",
    });
    expect(response.data[0]?.embedding).toEqual(fakeEmbedding("abcdefgh"));
    expect(response.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    expect(gemini!.requests.at(-1)?.path).toContain(":batchEmbedContents");
  });

  it("refuses bad input clearly, OpenAI-shaped, without calling the vendor", async () => {
    await start();
    const cases: [unknown, string, string][] = [
      [{ model: "text-embedding-3-small", input: [1, 2, 3] }, "input", "Token arrays"],
      [{ model: "text-embedding-3-small", input: [[1, 2]] }, "input", "Token arrays"],
      [{ model: "text-embedding-3-small", input: "" }, "input.0", "must not be empty"],
      [{ model: "text-embedding-3-small", input: [] }, "input", "input"],
      [{ model: "text-embedding-3-small", input: ["ok", 7] }, "input.1", "input.1"],
      [{ input: "x" }, "model", "model"],
      [
        { model: "text-embedding-3-small", input: "x", encoding_format: "int8" },
        "encoding_format",
        "encoding_format",
      ],
      [{ model: "text-embedding-3-small", input: "x", dimensions: 0 }, "dimensions", "dimensions"],
    ];
    for (const [body, param, message] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json(), JSON.stringify(body)).toMatchObject({
        error: {
          type: "invalid_request_error",
          param,
          message: expect.stringContaining(message) as string,
        },
      });
    }
    expect(openai!.requests).toHaveLength(0);
    expect((await post({ model: "x", input: "x" }, "pk_wrong")).status).toBe(401);
  });

  it("answers model_not_found for unknown models and providers without embeddings", async () => {
    await start();
    for (const model of ["no-such-model", "claude-embed"]) {
      const failure = await client()
        .embeddings.create({ model, input: "x" })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.NotFoundError);
      expect(failure).toMatchObject({ code: "model_not_found", param: "model" });
    }
  });

  it("answers model_not_found on a platform with no model catalogue", async () => {
    test = await startApiTest();
    const response = await post({ model: "text-embedding-3-small", input: "x" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "model_not_found" } });
  });

  it("maps vendor failures: a wrong vendor key, rate limits, an input too long", async () => {
    await start();
    const embed = () =>
      client()
        .embeddings.create({ model: "text-embedding-3-small", input: "x" })
        .catch((error: unknown) => error);

    openai!.reply(openAiErrors.invalidKey);
    const badKey = await embed();
    expect(badKey).toBeInstanceOf(OpenAI.APIError);
    expect(badKey).toMatchObject({ status: 502, type: "server_error", code: "provider_auth" });
    expect((badKey as Error).message).not.toContain("sk-fake");

    // Retried by the provider (three tries), then the caller is told when to come back.
    openai!.reply(
      openAiErrors.rateLimited(7),
      openAiErrors.rateLimited(7),
      openAiErrors.rateLimited(7),
    );
    const limited = await embed();
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe(
      "7",
    );

    openai!.reply(openAiErrors.contextTooLong);
    expect(await embed()).toMatchObject({ status: 400, code: "context_length_exceeded" });

    gemini!.reply(geminiErrors.invalidKey);
    const geminiKey = await client()
      .embeddings.create({ model: "gemini-embedding-001", input: "x" })
      .catch((error: unknown) => error);
    expect(geminiKey).toMatchObject({ status: 502, code: "provider_auth" });
  });
});
