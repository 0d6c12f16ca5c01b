import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectEvents } from "../testing/collect-events.js";
import { lastRequestBody, type FakeVendorServer } from "../testing/fake-vendor-server.js";
import { geminiErrors, geminiStream, startFakeGemini } from "../testing/fake-gemini.js";
import { message, sampleRequest, weatherTool } from "../testing/sample-requests.js";
import { createGeminiProvider } from "./gemini-provider.js";

let fake: FakeVendorServer;
let waits: number[];
beforeEach(async () => {
  fake = await startFakeGemini();
  waits = [];
});
afterEach(() => fake.close());

const provider = () =>
  createGeminiProvider({
    apiKey: "gemini-test-key",
    baseUrl: fake.url,
    retry: { sleep: async (milliseconds) => void waits.push(milliseconds) },
  });
const model = "gemini-2.5-flash";
const lastBody = () => lastRequestBody(fake);

describe("Gemini provider", () => {
  it("streams text, then the finish reason and usage from usageMetadata", async () => {
    fake.reply(geminiStream({ text: ["Hallo", " Welt"], usage: { input: 12, output: 4 } }));
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.events).toEqual([
      { event: "text", data: { text: "Hallo" } },
      { event: "text", data: { text: " Welt" } },
      { event: "finish", data: { finish_reason: "stop" } },
      { event: "usage", data: { input_tokens: 12, output_tokens: 4 } },
    ]);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe(`/v1beta/models/${model}:streamGenerateContent?alt=sse`);
    expect(request.headers["x-goog-api-key"]).toBe("gemini-test-key");
  });

  it("maps the system instruction, user/model roles, temperature, stop sequences and images", async () => {
    const image = { url: "https://files.test/cat.png", content_type: "image/png", name: "cat.png" };
    const request = sampleRequest(model, {
      query: [
        message({ role: "system", content: "Be brief." }),
        message({ role: "user", content: "Look", attachments: [image] }),
        message({ role: "bot", content: "A cat." }),
        message({ role: "user", content: "Thanks" }),
      ],
      temperature: 0.2,
      stop_sequences: ["END"],
      maxTokens: 64,
    });
    await collectEvents(provider().stream(request));
    const body = lastBody();
    expect(body.systemInstruction).toMatchObject({ parts: [{ text: "Be brief." }] });
    expect(body.generationConfig).toMatchObject({
      temperature: 0.2,
      stopSequences: ["END"],
      maxOutputTokens: 64,
    });
    expect(body.contents).toEqual([
      {
        role: "user",
        parts: [{ text: "Look" }, { fileData: { mimeType: "image/png", fileUri: image.url } }],
      },
      { role: "model", parts: [{ text: "A cat." }] },
      { role: "user", parts: [{ text: "Thanks" }] },
    ]);
  });

  it("gives whole function calls ids and indexes after text, and takes their results back", async () => {
    fake.reply(
      geminiStream({
        text: ["Looking up."],
        functionCalls: [
          { name: "get_weather", args: { city: "Paris" }, thoughtSignature: "c2lnbmF0dXJl" },
          { name: "get_weather", args: { city: "Rome" } },
        ],
      }),
    );
    const answer = await collectEvents(
      provider().stream(sampleRequest(model, { tools: [weatherTool] })),
    );
    expect(answer.text).toBe("Looking up.");
    const deltas = answer.events.flatMap((event) =>
      event.event === "json" ? (event.data.choices[0]?.delta.tool_calls ?? []) : [],
    );
    expect(deltas.map((delta) => [delta.index, delta.function])).toEqual([
      [0, { name: "get_weather", arguments: '{"city":"Paris"}' }],
      [1, { name: "get_weather", arguments: '{"city":"Rome"}' }],
    ]);
    expect(new Set(deltas.map((delta) => delta.id)).size).toBe(2);
    expect(answer.events.at(-2)).toEqual({
      event: "finish",
      data: { finish_reason: "tool_calls" },
    });
    expect(lastBody().tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Current weather of a city",
            parametersJsonSchema: weatherTool.function.parameters,
          },
        ],
      },
    ]);

    const calls = deltas.map((delta) => ({
      id: delta.id!,
      type: "function",
      function: { name: delta.function.name!, arguments: delta.function.arguments },
    }));
    const results = calls.map((call, index) => ({
      role: "tool",
      name: "get_weather",
      tool_call_id: call.id,
      content: JSON.stringify(index === 0 ? { forecast: "sunny" } : "rain"),
    }));
    await collectEvents(
      provider().stream(
        sampleRequest(model, { tools: [weatherTool], tool_calls: calls, tool_results: results }),
      ),
    );
    expect(lastBody().contents.slice(1)).toEqual([
      {
        role: "model",
        parts: [
          {
            functionCall: { name: "get_weather", args: { city: "Paris" } },
            thoughtSignature: "c2lnbmF0dXJl",
          },
          { functionCall: { name: "get_weather", args: { city: "Rome" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { forecast: "sunny" } } },
          { functionResponse: { name: "get_weather", response: { result: "rain" } } },
        ],
      },
    ]);
  });

  it.each([
    [
      "provider_auth",
      geminiErrors.invalidKey,
      "The Google Gemini API key is wrong or lacks access.",
    ],
    [
      "provider_auth",
      geminiErrors.permissionDenied,
      "The Google Gemini API key is wrong or lacks access.",
    ],
    ["context_too_long", geminiErrors.contextTooLong, "This conversation is too long"],
    ["bad_request", geminiErrors.badRequest, "Google Gemini could not answer this request."],
  ])("reports %s without retrying", async (code, body, text) => {
    fake.reply(body);
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.error).toMatchObject({ code, isRetryable: false });
    expect(answer.error?.message).toContain(text);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a 429 after its RetryInfo delay, and a 503 after Retry-After, then answers", async () => {
    fake.reply(
      geminiErrors.rateLimited(4),
      { ...geminiErrors.overloaded, headers: { "retry-after": "1" } },
      geminiStream({ text: ["ok"] }),
    );
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.text).toBe("ok");
    expect(waits).toEqual([4000, 1000]);
    expect(fake.requests).toHaveLength(3);
  });

  it("reports a stream cut after text as an error, without a second answer", async () => {
    fake.reply(
      { ...geminiStream({ text: ["Once", " upon"] }), cutAfter: 1 },
      geminiStream({ text: ["again"] }),
    );
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.text).toBe("Once");
    expect(answer.error?.code).toBe("provider_unavailable");
    expect(fake.requests).toHaveLength(1);
  });

  it("aborts the vendor request when the caller cancels", async () => {
    fake.reply({
      sse: geminiStream({ text: ["Thinking", "more"] }).sse.slice(0, 1),
      holdOpen: true,
    });
    const controller = new AbortController();
    const stream = provider().stream(sampleRequest(model), controller.signal);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toMatchObject({ value: { event: "text" } });
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ code: "cancelled" });
    await fake.clientDisconnected();
  });

  it("lists the models that generate content", async () => {
    expect(await provider().listModels()).toEqual([
      { id: model, displayName: model, providerId: "gemini" },
    ]);
  });
});
