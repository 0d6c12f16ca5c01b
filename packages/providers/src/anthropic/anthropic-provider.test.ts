import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectEvents } from "../testing/collect-events.js";
import {
  anthropicErrors,
  anthropicStream,
  anthropicStreamError,
  startFakeAnthropic,
} from "../testing/fake-anthropic.js";
import { lastRequestBody, type FakeVendorServer } from "../testing/fake-vendor-server.js";
import { message, sampleRequest, weatherTool } from "../testing/sample-requests.js";
import { ANTHROPIC_DEFAULT_MAX_TOKENS, createAnthropicProvider } from "./anthropic-provider.js";
import { CONVERSATION_START } from "./to-anthropic-messages.js";

let fake: FakeVendorServer;
let waits: number[];
beforeEach(async () => {
  fake = await startFakeAnthropic();
  waits = [];
});
afterEach(() => fake.close());

const provider = () =>
  createAnthropicProvider({
    apiKey: "sk-ant-test",
    baseUrl: fake.url,
    retry: { sleep: async (milliseconds) => void waits.push(milliseconds) },
  });
const model = "claude-sonnet-4-20250514";
const lastBody = () => lastRequestBody(fake);

describe("Anthropic provider", () => {
  it("streams text, then the finish reason and usage from message_start and message_delta", async () => {
    fake.reply(anthropicStream({ text: ["Bonjour", " !"], usage: { input: 25, output: 7 } }));
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.events).toEqual([
      { event: "text", data: { text: "Bonjour" } },
      { event: "text", data: { text: " !" } },
      { event: "finish", data: { finish_reason: "stop" } },
      { event: "usage", data: { input_tokens: 25, output_tokens: 7 } },
    ]);
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-ant-test");
    expect(lastBody()).toMatchObject({ stream: true, max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS });
  });

  it("puts the system prompt in `system`, merges same-role turns and starts with the user", async () => {
    const image = { url: "https://files.test/cat.png", content_type: "image/png", name: "cat.png" };
    const request = sampleRequest(model, {
      query: [
        message({ role: "system", content: "Be brief." }),
        message({ role: "bot", content: "Welcome! Ask me anything." }),
        message({ role: "user", content: "One" }),
        message({ role: "user", content: "Two", attachments: [image] }),
        message({ role: "bot", content: "Yes." }),
        message({ role: "bot", content: "And more." }),
        message({ role: "user", content: "Bye" }),
      ],
      stop_sequences: ["END"],
      maxTokens: 300,
    });
    await collectEvents(provider().stream(request));
    const body = lastBody();
    expect(body.system).toBe("Be brief.");
    expect(body.stop_sequences).toEqual(["END"]);
    expect(body.max_tokens).toBe(300);
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: CONVERSATION_START }] },
      { role: "assistant", content: [{ type: "text", text: "Welcome! Ask me anything." }] },
      {
        role: "user",
        content: [
          { type: "text", text: "One" },
          { type: "text", text: "Two" },
          { type: "image", source: { type: "url", url: image.url } },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Yes." },
          { type: "text", text: "And more." },
        ],
      },
      { role: "user", content: [{ type: "text", text: "Bye" }] },
    ]);
  });

  it("numbers tool_use blocks 0, 1… after a text block, as OpenAI tool-call deltas", async () => {
    fake.reply(
      anthropicStream({
        text: ["Checking both."],
        toolCalls: [
          { id: "toolu_a", name: "get_weather", argumentParts: ['{"city": ', '"Paris"}'] },
          { id: "toolu_b", name: "get_weather", argumentParts: [] },
        ],
      }),
    );
    const answer = await collectEvents(
      provider().stream(sampleRequest(model, { tools: [weatherTool] })),
    );
    expect(answer.text).toBe("Checking both.");
    const deltas = answer.events.flatMap((event) =>
      event.event === "json" ? (event.data.choices[0]?.delta.tool_calls ?? []) : [],
    );
    expect(deltas).toEqual([
      {
        index: 0,
        id: "toolu_a",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
      { index: 0, function: { arguments: '{"city": ' } },
      { index: 0, function: { arguments: '"Paris"}' } },
      {
        index: 1,
        id: "toolu_b",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
      { index: 1, function: { arguments: "{}" } },
    ]);
    expect(answer.events.at(-2)).toEqual({
      event: "finish",
      data: { finish_reason: "tool_calls" },
    });
    expect(lastBody().tools).toEqual([
      {
        name: "get_weather",
        description: "Current weather of a city",
        input_schema: weatherTool.function.parameters,
      },
    ]);
  });

  it("sends the tool loop's calls and results back as tool_use and tool_result blocks", async () => {
    const calls = [
      {
        id: "toolu_a",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Paris"}' },
      },
    ];
    const results = [
      { role: "tool", name: "get_weather", tool_call_id: "toolu_a", content: '"sunny"' },
    ];
    const request = sampleRequest(model, {
      tools: [weatherTool],
      query: [
        message({ role: "user", content: "Weather in Paris?" }),
        message({ role: "bot", message_type: "function_call", content: JSON.stringify(calls) }),
        message({ role: "tool", content: JSON.stringify(results) }),
      ],
    });
    await collectEvents(provider().stream(request));
    expect(lastBody().messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "toolu_a", name: "get_weather", input: { city: "Paris" } },
        ],
      },
      {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: "toolu_a", content: '"sunny"' }],
      },
    ]);
  });

  it.each([
    [
      "provider_auth",
      anthropicErrors.invalidKey,
      "The Anthropic API key is wrong or lacks access.",
    ],
    ["context_too_long", anthropicErrors.contextTooLong, "This conversation is too long"],
    ["bad_request", anthropicErrors.badRequest, "Anthropic could not answer this request."],
  ])("reports %s without retrying", async (code, body, text) => {
    fake.reply(body);
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.error).toMatchObject({ code, isRetryable: false });
    expect(answer.error?.message).toContain(text);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a 429 after its Retry-After and a 529 overload, then answers", async () => {
    fake.reply(
      anthropicErrors.rateLimited(3),
      anthropicErrors.overloaded,
      anthropicStream({ text: ["ok"] }),
    );
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.text).toBe("ok");
    expect(waits[0]).toBe(3000);
    expect(waits).toHaveLength(2);
  });

  it("retries an overloaded_error event that comes before any text", async () => {
    fake.reply(anthropicStreamError(), anthropicStream({ text: ["ok"] }));
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.text).toBe("ok");
    expect(fake.requests).toHaveLength(2);
  });

  it("ends with an error, not a second answer, when the stream fails after text", async () => {
    fake.reply(anthropicStreamError(["Half an ans"]), anthropicStream({ text: ["again"] }));
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.text).toBe("Half an ans");
    expect(answer.error?.code).toBe("provider_unavailable");
    expect(fake.requests).toHaveLength(1);
  });

  it("reports a stream cut mid-way without retrying it", async () => {
    fake.reply({ ...anthropicStream({ text: ["a", "b", "c"] }), cutAfter: 5 });
    const answer = await collectEvents(provider().stream(sampleRequest(model)));
    expect(answer.text).toBe("ab");
    expect(answer.error?.code).toBe("provider_unavailable");
    expect(fake.requests).toHaveLength(1);
  });

  it("aborts the vendor request when the caller cancels", async () => {
    fake.reply({ sse: anthropicStream({ text: ["Thinking"] }).sse.slice(0, 4), holdOpen: true });
    const controller = new AbortController();
    const stream = provider().stream(sampleRequest(model), controller.signal);
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toMatchObject({ value: { event: "text" } });
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ code: "cancelled" });
    await fake.clientDisconnected();
  });

  it("lists models with their display names", async () => {
    expect(await provider().listModels()).toEqual([
      { id: model, displayName: "claude-sonnet-4", providerId: "anthropic" },
    ]);
  });
});
