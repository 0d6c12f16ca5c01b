import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  defineBot,
  json,
  type QueryRequest,
  type ToolCallDefinition,
  type ToolResultDefinition,
} from "@parlor/sdk";
import { createBotTestServer, queryBot, type BotTestServer } from "@parlor/sdk/testing";
import { createToolBot } from "./tool-bot.js";
import { toolExecutables } from "./tools.js";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const KEY = "t".repeat(32);

/** An OpenAI `chat.completion.chunk`, the object a model bot sends in each `json` event. */
function chunk(delta: Record<string, unknown>, finishReason: string | null = null) {
  return {
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: "gpt-4o-mini",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

/** Tool-call fragments as OpenAI streams them: name first, then the arguments in pieces. */
function toolCallChunks(index: number, id: string, name: string, argumentPieces: string[]) {
  return [
    chunk({ tool_calls: [{ index, id, type: "function", function: { name, arguments: "" } }] }),
    ...argumentPieces.map((piece) =>
      chunk({ tool_calls: [{ index, function: { arguments: piece } }] }),
    ),
  ];
}

/** The answer a model writes once it has the results, built from them so it shows their use. */
function answerFrom(results: ToolResultDefinition[]): string {
  const content = (name: string) => results.find((result) => result.name === name)?.content;
  const weather = JSON.parse(content("get_weather") ?? "{}") as {
    city: string;
    temperature_c: number;
    conditions: string;
  };
  const sum = content("add") ?? "?";
  return `In ${weather.city} it is ${weather.temperature_c}°C and ${weather.conditions}; 2 + 3 = ${sum}.`;
}

const modelCalls: QueryRequest[] = [];
let platform: BotTestServer;

beforeAll(async () => {
  // A model bot speaking the wire format of Poe's GPT bots.
  const model = defineBot({
    accessKey: KEY,
    async *onQuery(request) {
      modelCalls.push(request);
      const last = request.query.at(-1)!;
      yield json(chunk({ role: "assistant", content: null }));
      if (last.role !== "tool") {
        const calls = [
          ...toolCallChunks(0, "call_weather", "get_weather", ['{"ci', 'ty": "Paris"}']),
          ...toolCallChunks(1, "call_add", "add", ['{"a": 2, ', '"b": 3}']),
          chunk({}, "tool_calls"),
        ];
        for (const call of calls) yield json(call);
      } else {
        const results = JSON.parse(last.content) as ToolResultDefinition[];
        for (const word of answerFrom(results).split(/(?<= )/))
          yield json(chunk({ content: word }));
        yield json(chunk({}, "stop"));
      }
      yield json({
        ...chunk({}),
        choices: [],
        usage: { prompt_tokens: 50, completion_tokens: 20 },
      });
    },
  });
  platform = await createBotTestServer(model);
});
afterAll(() => platform.close());
beforeEach(() => {
  modelCalls.length = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("tool bot", () => {
  it("runs the tools the model calls and streams the answer built on their results", async () => {
    const getWeather = vi.spyOn(toolExecutables, "get_weather");
    const add = vi.spyOn(toolExecutables, "add");
    const bot = createToolBot({ model: "GPT-4o-Mini", baseUrl: `${platform.url}/bot/` });
    // `serve` gives the bot its key from POE_ACCESS_KEY; here we give it directly.
    const run = await queryBot({ ...bot, accessKey: KEY }, "Weather in Paris, and 2 + 3?");

    expect(run.error).toBeNull();
    expect(run.text).toBe("In Paris it is 18°C and sunny; 2 + 3 = 5.");
    expect(getWeather).toHaveBeenCalledWith({ city: "Paris" });
    expect(add).toHaveBeenCalledWith({ a: 2, b: 3 });
  });

  it("sends the tools, then the calls and their results as function_call and tool messages", async () => {
    const bot = createToolBot({ model: "GPT-4o-Mini", baseUrl: `${platform.url}/bot/` });
    await queryBot({ ...bot, accessKey: KEY }, "Weather in Paris, and 2 + 3?");

    expect(modelCalls).toHaveLength(2);
    expect(modelCalls.map((call) => call.tools?.map((tool) => tool.function.name))).toEqual([
      ["get_weather", "add"],
      ["get_weather", "add"],
    ]);
    const [user, calls, results] = modelCalls[1]!.query;
    expect(user).toMatchObject({ role: "user", content: "Weather in Paris, and 2 + 3?" });
    expect(calls).toMatchObject({ role: "bot", message_type: "function_call" });
    expect(JSON.parse(calls!.content) as ToolCallDefinition[]).toEqual([
      {
        id: "call_weather",
        type: "function",
        function: { name: "get_weather", arguments: '{"city": "Paris"}' },
      },
      {
        id: "call_add",
        type: "function",
        function: { name: "add", arguments: '{"a": 2, "b": 3}' },
      },
    ]);
    expect(results).toMatchObject({ role: "tool" });
    expect(JSON.parse(results!.content) as ToolResultDefinition[]).toEqual([
      {
        role: "tool",
        name: "get_weather",
        tool_call_id: "call_weather",
        content: '{"city":"Paris","temperature_c":18,"conditions":"sunny"}',
      },
      { role: "tool", name: "add", tool_call_id: "call_add", content: "5" },
    ]);
  });

  it("declares its model in settings when run from its entry point", async () => {
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: "0", POE_ACCESS_KEY: KEY, TOOL_MODEL: "Claude-Sonnet-4" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (data: Buffer) => {
          const match = /listening on (\S+)/.exec(data.toString());
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`tool bot exited with ${code}`)));
      });
      const settings = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ version: "1.2", type: "settings" }),
      });
      expect(await settings.json()).toMatchObject({
        server_bot_dependencies: { "Claude-Sonnet-4": 4 },
      });
    } finally {
      child.kill();
    }
  });
});
