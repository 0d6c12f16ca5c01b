import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectEvents } from "../testing/collect-events.js";
import { openAiErrors, openAiStream, startFakeOpenAi } from "../testing/fake-openai.js";
import { lastRequestBody, type FakeVendorServer } from "../testing/fake-vendor-server.js";
import { message, sampleRequest, weatherTool } from "../testing/sample-requests.js";
import { toBotEvents } from "../to-bot-events.js";
import { createOpenAiCompatibleProvider, createOpenAiProvider } from "./openai-provider.js";

let fake: FakeVendorServer;
let waits: number[];
beforeEach(async () => {
  fake = await startFakeOpenAi();
  waits = [];
});
afterEach(() => fake.close());

const provider = () =>
  createOpenAiProvider({
    apiKey: "sk-test",
    baseUrl: `${fake.url}/v1`,
    retry: { sleep: async (milliseconds) => void waits.push(milliseconds) },
  });
const lastBody = () => lastRequestBody(fake);

describe("OpenAI provider", () => {
  it("streams text deltas, then the finish reason and usage", async () => {
    fake.reply(openAiStream({ text: ["Hel", "lo"], usage: { input: 9, output: 2 } }));
    const answer = await collectEvents(provider().stream(sampleRequest("gpt-4o-mini")));
    expect(answer.error).toBeUndefined();
    expect(answer.events).toEqual([
      { event: "text", data: { text: "Hel" } },
      { event: "text", data: { text: "lo" } },
      { event: "finish", data: { finish_reason: "stop" } },
      { event: "usage", data: { input_tokens: 9, output_tokens: 2 } },
    ]);
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-test");
  });

  it("maps the system prompt, roles, temperature, stop sequences, max tokens and images", async () => {
    const image = { url: "https://files.test/cat.png", content_type: "image/png", name: "cat.png" };
    const request = sampleRequest("gpt-4o", {
      query: [
        message({ role: "system", content: "Be brief." }),
        message({ role: "user", content: "Look", attachments: [image] }),
        message({ role: "bot", content: "A cat." }),
        message({ role: "user", content: "Thanks" }),
      ],
      temperature: 0.3,
      stop_sequences: ["END"],
      maxTokens: 100,
    });
    await collectEvents(provider().stream(request));
    expect(lastBody()).toMatchObject({
      model: "gpt-4o",
      temperature: 0.3,
      stop: ["END"],
      max_completion_tokens: 100,
      messages: [
        { role: "system", content: "Be brief." },
        {
          role: "user",
          content: [
            { type: "text", text: "Look" },
            { type: "image_url", image_url: { url: image.url } },
          ],
        },
        { role: "assistant", content: "A cat." },
        { role: "user", content: "Thanks" },
      ],
    });
  });

  it("passes tool-call deltas through as json chunks and sends tool results back", async () => {
    fake.reply(
      openAiStream({
        text: ["Let me check."],
        toolCalls: [
          { id: "call_a", name: "get_weather", argumentParts: ['{"city":', '"Paris"}'] },
          { id: "call_b", name: "get_weather", argumentParts: ['{"city":"Rome"}'] },
        ],
      }),
    );
    const answer = await collectEvents(
      provider().stream(sampleRequest("gpt-4o", { tools: [weatherTool] })),
    );
    const deltas = answer.events.flatMap((event) =>
      event.event === "json" ? (event.data.choices[0]?.delta.tool_calls ?? []) : [],
    );
    expect(deltas[0]).toEqual({
      index: 0,
      id: "call_a",
      type: "function",
      function: { name: "get_weather", arguments: "" },
    });
    expect(deltas.map((delta) => delta.index)).toEqual([0, 0, 0, 1, 1]);
    expect(answer.events.at(-1)).toEqual({
      event: "finish",
      data: { finish_reason: "tool_calls" },
    });
    expect(lastBody().tools).toMatchObject([{ function: { name: "get_weather" } }]);

    const call = {
      id: "call_a",
      type: "function",
      function: { name: "get_weather", arguments: '{"city":"Paris"}' },
    };
    await collectEvents(
      provider().stream(
        sampleRequest("gpt-4o", {
          tools: [weatherTool],
          tool_calls: [call],
          tool_results: [
            { role: "tool", name: "get_weather", tool_call_id: "call_a", content: '"sunny"' },
          ],
        }),
      ),
    );
    expect(lastBody().messages.slice(1)).toEqual([
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: "call_a", content: '"sunny"' },
    ]);
  });

  it("gives a bot with tools its answer as OpenAI chunks in json events", async () => {
    fake.reply(openAiStream({ text: ["Hi"], usage: { input: 3, output: 1 } }));
    const events = [];
    const stream = provider().stream(sampleRequest("gpt-4o", { tools: [weatherTool] }));
    for await (const event of toBotEvents(stream, { toolsRequested: true })) events.push(event);
    expect(events.map((event) => event.event)).toEqual(["json", "json", "json", "done"]);
    expect(events[0]).toMatchObject({ data: { choices: [{ delta: { content: "Hi" } }] } });
    expect(events[1]).toMatchObject({ data: { choices: [{ finish_reason: "stop" }] } });
    expect(events[2]).toMatchObject({ data: { choices: [], usage: { prompt_tokens: 3 } } });
  });

  it.each([
    ["provider_auth", openAiErrors.invalidKey, "The OpenAI API key is wrong or lacks access."],
    ["context_too_long", openAiErrors.contextTooLong, "This conversation is too long"],
    ["bad_request", openAiErrors.badRequest, "OpenAI could not answer this request."],
  ])("reports %s without retrying", async (code, body, text) => {
    fake.reply(body);
    const answer = await collectEvents(provider().stream(sampleRequest("gpt-4o")));
    expect(answer.error?.code).toBe(code);
    expect(answer.error?.message).toContain(text);
    expect(answer.error?.isRetryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a 429 after its Retry-After, then answers", async () => {
    fake.reply(openAiErrors.rateLimited(2), openAiStream({ text: ["Done"] }));
    const answer = await collectEvents(provider().stream(sampleRequest("gpt-4o")));
    expect(answer.text).toBe("Done");
    expect(waits).toEqual([2000]);
    expect(fake.requests).toHaveLength(2);
  });

  it("gives up after three tries of a failing server", async () => {
    fake.reply(openAiErrors.serverError, openAiErrors.serverError, openAiErrors.serverError);
    const answer = await collectEvents(provider().stream(sampleRequest("gpt-4o")));
    expect(answer.error?.code).toBe("provider_unavailable");
    expect(fake.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it("does not wait past 60 s in all for a Retry-After", async () => {
    fake.reply(openAiErrors.rateLimited(90));
    const answer = await collectEvents(provider().stream(sampleRequest("gpt-4o")));
    expect(answer.error?.code).toBe("rate_limited");
    expect(waits).toEqual([]);
  });

  it("reports a stream cut after text as an error, without sending the answer twice", async () => {
    const full = openAiStream({ text: ["Once", " upon", " a time"] });
    fake.reply({ ...full, cutAfter: 3 }, full);
    const events = [];
    const stream = provider().stream(sampleRequest("gpt-4o"));
    for await (const event of toBotEvents(stream, { toolsRequested: false })) events.push(event);
    expect(events).toEqual([
      { event: "text", data: { text: "Once" } },
      { event: "text", data: { text: " upon" } },
      {
        event: "error",
        data: expect.objectContaining({ error_type: "provider_unavailable", allow_retry: true }),
      },
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it("aborts the vendor request when the caller cancels", async () => {
    fake.reply({ sse: openAiStream({ text: ["Thinking"] }).sse.slice(0, 2), holdOpen: true });
    const controller = new AbortController();
    const stream = provider().stream(sampleRequest("gpt-4o"), controller.signal);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toMatchObject({ value: { event: "text" } });
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ code: "cancelled" });
    await fake.clientDisconnected();
  });

  it("lists models from GET /models, for a key-less compatible server too", async () => {
    const ollama = createOpenAiCompatibleProvider({ name: "Ollama", baseUrl: `${fake.url}/v1` });
    const models = await ollama.listModels();
    expect(models.map((model) => model.id)).toEqual(["gpt-4o-mini", "gpt-4o"]);
    expect(fake.requests.at(-1)!.headers.authorization).toBeUndefined();
    await collectEvents(ollama.stream(sampleRequest("llama3.1", { maxTokens: 50 })));
    expect(lastBody()).toMatchObject({ max_tokens: 50 });
  });
});
