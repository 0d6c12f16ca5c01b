import type { QueryRequestInput, ToolDefinition } from "@parlor/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { streamRequest, type StreamRequestOptions } from "./stream-request.js";
import {
  encodeEvents,
  sendSse,
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
} from "./testing/fake-platform.js";

const request: QueryRequestInput = {
  version: "1.2",
  type: "query",
  query: [{ role: "user", content: "Weather and mayor of SF and Tokyo?" }],
  user_id: "123",
  conversation_id: "456",
  message_id: "789",
};

const location = {
  type: "object",
  properties: { location: { type: "string" } },
  required: ["location"],
};
const tools: ToolDefinition[] = [
  {
    type: "function",
    function: { name: "get_current_weather", description: "Weather", parameters: location },
  },
  {
    type: "function",
    function: { name: "get_current_mayor", description: "Mayor", parameters: location },
  },
];

// Keyed by tool name; as array items the functions keep these names (`Function.name`).
const executables = {
  get_current_weather: ({ location }: { location: string }) => ({
    location,
    temperature: location.startsWith("Tokyo") ? "11" : "72",
  }),
  get_current_mayor: async ({ location }: { location: string }) =>
    Promise.resolve(location.startsWith("Tokyo") ? "Yuriko Koike" : "London Breed"),
};
const namedFunctions = Object.values(executables);

/** An OpenAI `chat.completion.chunk` with this delta, as Poe's model bots send in `json` events. */
const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
  id: "chatcmpl-abcde",
  object: "chat.completion.chunk",
  model: "gpt-3.5-turbo-0125",
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  usage: null,
});
const toolDelta = (call: Record<string, unknown>) => chunk({ tool_calls: [call] });

const toolCallChunks = [
  toolDelta({
    index: 0,
    id: "call_123",
    type: "function",
    function: { name: "get_current_weather", arguments: "" },
  }),
  toolDelta({ index: 0, function: { arguments: '{"' } }),
  toolDelta({ index: 0, function: { arguments: 'location":"San Francisco, CA' } }),
  toolDelta({ index: 0, function: { arguments: '"}' } }),
  toolDelta({
    index: 1,
    id: "call_456",
    type: "function",
    function: { name: "get_current_mayor", arguments: "" },
  }),
  toolDelta({ index: 1, function: { arguments: '{"location":"Tokyo, JP"}' } }),
  chunk({}, "tool_calls"),
];

const expectedCalls = [
  {
    id: "call_123",
    type: "function",
    function: { name: "get_current_weather", arguments: '{"location":"San Francisco, CA"}' },
  },
  {
    id: "call_456",
    type: "function",
    function: { name: "get_current_mayor", arguments: '{"location":"Tokyo, JP"}' },
  },
];

const platforms: FakePlatform[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((platform) => platform.close()));
});

/** A model bot: the first call gets `firstReply`, a call carrying tool results gets text. */
async function startModel(firstReply: [string, unknown][]) {
  const handler: PlatformHandler = (incoming, response) => {
    const events: [string, unknown][] =
      incoming.json().tool_results === null
        ? firstReply
        : [
            ["text", { text: "Hello," }],
            ["text", { text: " world!" }],
          ];
    sendSse(response, encodeEvents([...events, ["done", {}]]));
  };
  const platform = await startFakePlatform(handler);
  platforms.push(platform);
  return platform;
}

async function textFrom(platform: FakePlatform, options: StreamRequestOptions) {
  let text = "";
  for await (const response of streamRequest(request, "GPT-3.5-Turbo", "key", {
    baseUrl: platform.botBaseUrl,
    ...options,
  })) {
    text += response.text;
  }
  return text;
}

describe("streamRequest with tools and executables", () => {
  it("runs the calls the model chose and sends tool_calls and tool_results in a second call", async () => {
    const platform = await startModel(toolCallChunks.map((data) => ["json", data]));
    const text = await textFrom(platform, { tools, toolExecutables: namedFunctions });
    expect(text).toBe("Hello, world!");
    const [first, second] = platform.queries().map((query) => query.json());
    expect(first).toMatchObject({ tools, tool_calls: null, tool_results: null });
    expect(second).toMatchObject({ tools, tool_calls: expectedCalls });
    expect(second?.tool_results).toEqual([
      {
        role: "tool",
        name: "get_current_weather",
        tool_call_id: "call_123",
        content: '{"location":"San Francisco, CA","temperature":"72"}',
      },
      {
        role: "tool",
        name: "get_current_mayor",
        tool_call_id: "call_456",
        content: '"Yuriko Koike"',
      },
    ]);
    expect(platform.reports()).toEqual([]);
  });

  it("accepts executables by name", async () => {
    const platform = await startModel(toolCallChunks.map((data) => ["json", data]));
    await expect(textFrom(platform, { tools, toolExecutables: executables })).resolves.toBe(
      "Hello, world!",
    );
  });

  it("streams the model's content and makes no second call when it chose no tool", async () => {
    const usage = { ...chunk({}), choices: [], usage: { completion_tokens: 1, prompt_tokens: 1 } };
    const platform = await startModel([
      ["json", chunk({ content: "there were" })],
      ["json", chunk({ content: " no tool calls" })],
      ["json", chunk({ content: "!" }, "stop")],
      ["json", usage],
    ]);
    const text = await textFrom(platform, { tools, toolExecutables: namedFunctions });
    expect(text).toBe("there were no tool calls!");
    expect(platform.queries()).toHaveLength(1);
    expect(platform.reports()).toEqual([]);
  });

  it("streams a plain text reply to a request with tools", async () => {
    const platform = await startModel([["text", { text: "Just text." }]]);
    await expect(textFrom(platform, { tools, toolExecutables: namedFunctions })).resolves.toBe(
      "Just text.",
    );
    expect(platform.queries()).toHaveLength(1);
  });

  it("drops a call whose first fragment is missing", async () => {
    const platform = await startModel(
      [
        toolCallChunks[0]!,
        toolCallChunks[1]!,
        toolCallChunks[2]!,
        toolCallChunks[3]!,
        // Index 1 never names its call, so it cannot be run.
        toolDelta({ index: 1, function: { arguments: '{"location":"Tokyo, JP"}' } }),
      ].map((data) => ["json", data]),
    );
    await textFrom(platform, { tools, toolExecutables: namedFunctions });
    const second = platform.queries()[1]?.json();
    expect(second?.tool_calls).toEqual([expectedCalls[0]]);
    expect(second?.tool_results).toEqual([expect.objectContaining({ tool_call_id: "call_123" })]);
  });

  it("yields the tool-call fragments when no executables are given", async () => {
    const platform = await startModel(toolCallChunks.map((data) => ["json", data]));
    const fragments = [];
    for await (const response of streamRequest(request, "GPT-3.5-Turbo", "key", {
      baseUrl: platform.botBaseUrl,
      tools,
    })) {
      fragments.push(...response.toolCalls);
    }
    expect(fragments).toHaveLength(6);
    expect(fragments[0]).toMatchObject({
      index: 0,
      id: "call_123",
      function: { name: "get_current_weather" },
    });
    expect(platform.queries()).toHaveLength(1);
  });
});
