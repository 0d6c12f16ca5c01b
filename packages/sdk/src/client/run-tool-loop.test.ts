import type { ProtocolMessage, ToolDefinition } from "@parlor/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { BotError, BotErrorNoRetry } from "../errors.js";
import { runToolLoop } from "./run-tool-loop.js";
import {
  encodeEvents,
  sendSse,
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
} from "./testing/fake-platform.js";

const tools: ToolDefinition[] = [
  {
    type: "function",
    function: { name: "add", parameters: { type: "object", properties: { a: {}, b: {} } } },
  },
];
const addCall = (id: string, a: number, b: number) => ({
  choices: [
    {
      index: 0,
      delta: {
        tool_calls: [
          {
            index: 0,
            id,
            type: "function",
            function: { name: "add", arguments: JSON.stringify({ a, b }) },
          },
        ],
      },
      finish_reason: null,
    },
  ],
});

const platforms: FakePlatform[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((platform) => platform.close()));
});

async function start(handler: PlatformHandler) {
  const platform = await startFakePlatform(handler);
  platforms.push(platform);
  return platform;
}

const request = {
  version: "1.2",
  type: "query" as const,
  query: [{ role: "user", content: "What is (1 + 2) + 3?" }],
  user_id: "u",
  conversation_id: "c",
  message_id: "m",
};

describe("runToolLoop", () => {
  it("runs tool calls until the model answers, growing the conversation each round", async () => {
    const platform = await start((incoming, response) => {
      const rounds = (incoming.json().query as unknown[]).length;
      const events: [string, unknown][] =
        rounds === 1
          ? [["json", addCall("call_1", 1, 2)]]
          : rounds === 3
            ? [["json", addCall("call_2", 3, 3)]]
            : [["text", { text: "It is 6." }]];
      sendSse(response, encodeEvents([...events, ["done", {}]]));
    });
    const added: ProtocolMessage[][] = [];
    let text = "";
    for await (const response of runToolLoop({
      request,
      botName: "GPT-5.4",
      apiKey: "key",
      tools,
      executables: { add: ({ a, b }: { a: number; b: number }) => a + b },
      baseUrl: platform.botBaseUrl,
      onToolMessages: (messages) => added.push(messages),
    })) {
      text += response.text;
    }
    expect(text).toBe("It is 6.");
    const queries = platform.queries().map((query) => query.json());
    expect(queries).toHaveLength(3);
    expect(queries.every((query) => JSON.stringify(query.tools) === JSON.stringify(tools))).toBe(
      true,
    );
    const last = queries[2]?.query as ProtocolMessage[];
    expect(last.map((message) => [message.role, message.message_type])).toEqual([
      ["user", null],
      ["bot", "function_call"],
      ["tool", null],
      ["bot", "function_call"],
      ["tool", null],
    ]);
    expect(JSON.parse(last[1]!.content)).toEqual([
      { id: "call_1", type: "function", function: { name: "add", arguments: '{"a":1,"b":2}' } },
    ]);
    expect(JSON.parse(last[2]!.content)).toEqual([
      { role: "tool", name: "add", tool_call_id: "call_1", content: "3" },
    ]);
    expect(added).toHaveLength(2);
    // The caller's request is left as it was.
    expect(request.query).toHaveLength(1);
  });

  it("stops with an error after maxCalls calls that all asked for tools", async () => {
    const platform = await start((_request, response) =>
      sendSse(
        response,
        encodeEvents([
          ["json", addCall("call", 1, 1)],
          ["done", {}],
        ]),
      ),
    );
    const loop = runToolLoop({
      request,
      botName: "GPT-5.4",
      apiKey: "key",
      tools,
      executables: { add: ({ a, b }: { a: number; b: number }) => a + b },
      baseUrl: platform.botBaseUrl,
      maxCalls: 2,
    });
    const drain = async () => {
      for await (const _response of loop);
    };
    await expect(drain()).rejects.toThrow(BotError);
    expect(platform.queries()).toHaveLength(2);
  });

  it("fails without retrying when the model calls a tool it was not given", async () => {
    const platform = await start((_request, response) =>
      sendSse(
        response,
        encodeEvents([
          ["json", addCall("call", 1, 1)],
          ["done", {}],
        ]),
      ),
    );
    const drain = async () => {
      for await (const _response of runToolLoop({
        request,
        botName: "b",
        apiKey: "k",
        tools,
        executables: {},
        baseUrl: platform.botBaseUrl,
      }));
    };
    await expect(drain()).rejects.toThrow(BotErrorNoRetry);
    expect(platform.queries()).toHaveLength(1);
  });
});
