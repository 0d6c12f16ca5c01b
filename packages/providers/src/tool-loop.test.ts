import { toolCallDefinitionDeltaSchema, type BotEvent } from "@parlor/protocol";
import { aggregateToolCallDeltas } from "@parlor/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "./anthropic/anthropic-provider.js";
import { createGeminiProvider } from "./gemini/gemini-provider.js";
import type { ModelProvider } from "./model-provider.js";
import { createOpenAiProvider } from "./openai/openai-provider.js";
import { anthropicStream, startFakeAnthropic } from "./testing/fake-anthropic.js";
import { geminiStream, startFakeGemini } from "./testing/fake-gemini.js";
import { openAiStream, startFakeOpenAi } from "./testing/fake-openai.js";
import type { FakeResponse, FakeVendorServer } from "./testing/fake-vendor-server.js";
import { sampleRequest, weatherTool } from "./testing/sample-requests.js";
import { toBotEvents } from "./to-bot-events.js";

interface Vendor {
  name: string;
  model: string;
  start: () => Promise<FakeVendorServer>;
  provider: (url: string) => ModelProvider;
  toolAnswer: FakeResponse;
}

const calls = [
  { id: "call_1", name: "get_weather", argumentParts: ['{"city":', '"Paris"}'] },
  { id: "call_2", name: "get_weather", argumentParts: ['{"city":"Rome"}'] },
];
const vendors: Vendor[] = [
  {
    name: "OpenAI",
    model: "gpt-4o",
    start: () => startFakeOpenAi(),
    provider: (url) => createOpenAiProvider({ apiKey: "k", baseUrl: `${url}/v1` }),
    toolAnswer: openAiStream({ text: ["Checking."], toolCalls: calls }),
  },
  {
    name: "Anthropic",
    model: "claude-sonnet-4-20250514",
    start: () => startFakeAnthropic(),
    provider: (url) => createAnthropicProvider({ apiKey: "k", baseUrl: url }),
    toolAnswer: anthropicStream({ text: ["Checking."], toolCalls: calls }),
  },
  {
    name: "Gemini",
    model: "gemini-2.5-flash",
    start: () => startFakeGemini(),
    provider: (url) => createGeminiProvider({ apiKey: "k", baseUrl: url }),
    toolAnswer: geminiStream({
      text: ["Checking."],
      functionCalls: [
        { name: "get_weather", args: { city: "Paris" } },
        { name: "get_weather", args: { city: "Rome" } },
      ],
    }),
  },
];

describe.each(vendors)("the tool loop through $name", (vendor) => {
  let fake: FakeVendorServer;
  beforeAll(async () => (fake = await vendor.start()));
  afterAll(() => fake.close());

  it("streams json chunks the SDK's tool loop aggregates, and answers after the results", async () => {
    fake.reply(vendor.toolAnswer);
    const provider = vendor.provider(fake.url);
    const request = sampleRequest(vendor.model, { tools: [weatherTool] });
    const events: BotEvent[] = [];
    for await (const event of toBotEvents(provider.stream(request), { toolsRequested: true })) {
      events.push(event);
    }
    // As Poe's model bots do with tools: only json chunks, then done.
    expect(new Set(events.map((event) => event.event))).toEqual(new Set(["json", "done"]));
    const deltas = events.flatMap((event) => {
      if (event.event !== "json") return [];
      const choices = event.data.choices as { delta: { tool_calls?: unknown[] } }[];
      return (choices[0]?.delta.tool_calls ?? []).map((delta) =>
        toolCallDefinitionDeltaSchema.parse(delta),
      );
    });
    const toolCalls = aggregateToolCallDeltas(deltas);
    expect(toolCalls.map((call) => JSON.parse(call.function.arguments) as unknown)).toEqual([
      { city: "Paris" },
      { city: "Rome" },
    ]);
    const finish = events.find(
      (event) =>
        event.event === "json" &&
        (event.data.choices as { finish_reason: unknown }[])[0]?.finish_reason,
    );
    expect(finish).toMatchObject({ data: { choices: [{ finish_reason: "tool_calls" }] } });

    fake.reply(
      vendor.name === "OpenAI"
        ? openAiStream({ text: ["Sunny and rainy."] })
        : vendor.name === "Anthropic"
          ? anthropicStream({ text: ["Sunny and rainy."] })
          : geminiStream({ text: ["Sunny and rainy."] }),
    );
    const results = toolCalls.map((call) => ({
      role: "tool",
      name: call.function.name,
      tool_call_id: call.id,
      content: '"fine"',
    }));
    const answer = [];
    const followUp = { ...request, tool_calls: toolCalls, tool_results: results };
    for await (const event of provider.stream(followUp)) {
      if (event.event === "text") answer.push(event.data.text);
    }
    expect(answer.join("")).toBe("Sunny and rainy.");
    expect(JSON.stringify(fake.requests.at(-1)!.body)).toContain("fine");
  });
});
