import { defineBot, streamRequest } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import {
  openAiStream,
  startFakeOpenAi,
  weatherTool,
  type FakeVendorServer,
} from "@parlor/providers/testing";
import type { QueryRequest } from "@parlor/protocol";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import {
  chatWith,
  queryBody,
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "../poe-api/testing/api-test-helpers.js";
import { readEvents } from "../testing/test-platform.js";
import { NO_WAIT } from "./testing/model-test-helpers.js";

const weatherCall = {
  id: "call_weather",
  name: "get_weather",
  argumentParts: ['{"city":', '"Paris"}'],
};

describe("calling model bots through /bot/<handle>", () => {
  let test: ApiTestContext | undefined;
  let fake: FakeVendorServer | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await test?.platform.dispose();
    await fake?.close();
    test = fake = server = undefined;
  });

  async function start() {
    fake = await startFakeOpenAi(["gpt-4o"]);
    test = await startApiTest({
      env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${fake.url}/v1` },
      overrides: NO_WAIT,
    });
    await test.platform.platform.modelsReady;
    return { fake, test };
  }

  it("streams a model's tool calls as json chunks, as fastapi_poe's tool loop reads them", async () => {
    const { fake, test } = await start();
    fake.reply(openAiStream({ toolCalls: [weatherCall], usage: { input: 30, output: 9 } }));
    const response = await fetch(`${test.botBaseUrl}GPT-4o`, {
      method: "POST",
      headers: { authorization: `Bearer ${test.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(queryBody("Weather in Paris?", { tools: [weatherTool] })),
    });
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    const deltas = events
      .filter((event) => event.event === "json")
      .flatMap((event) => {
        const choices = event.data.choices as { delta: { tool_calls?: unknown[] } }[];
        return choices.flatMap((choice) => choice.delta.tool_calls ?? []);
      });
    expect(deltas).toEqual([
      {
        index: 0,
        id: "call_weather",
        type: "function",
        function: { name: "get_weather", arguments: "" },
      },
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
    ]);
    expect(events.at(-1)?.event).toBe("done");
    expect(fake.requests.at(-1)!.body).toMatchObject({
      tools: [{ type: "function", function: { name: "get_weather" } }],
    });
  });

  it("answers /v1/chat/completions from a model bot, streamed to the official openai client", async () => {
    const { fake, test } = await start();
    fake.reply(openAiStream({ text: ["Bonjour", " !"], usage: { input: 8, output: 2 } }));
    const client = new OpenAI({
      apiKey: test.apiKey,
      baseURL: `${test.platform.url}/v1`,
      maxRetries: 0,
    });
    const stream = await client.chat.completions.create({
      model: "GPT-4o",
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello" },
      ],
      stream: true,
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("Bonjour !");
    expect(fake.requests.at(-1)!.body).toMatchObject({
      model: "gpt-4o",
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello" },
      ],
    });
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models).toContainEqual(expect.objectContaining({ id: "gpt-4o", owned_by: "openai" }));
  });

  it("aborts the vendor's request when the user stops the reply", async () => {
    const { fake, test } = await start();
    const opening = openAiStream({ text: ["Thinking"] }).sse.slice(0, 2);
    fake.reply({ sse: opening, holdOpen: true });
    const { conversation } = await test.user.json<{ conversation: { id: string } }>(
      "POST",
      "/api/conversations",
      { bot: "gpt-4o" },
    );
    const sent = await test.user.json<{ stream_url: string; bot_message: { id: string } }>(
      "POST",
      `/api/conversations/${conversation.id}/messages`,
      { content: "Think long" },
    );
    const stream = await test.user.request("GET", sent.stream_url);
    const reader = stream.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    let seen = "";
    while (!seen.includes("Thinking"))
      seen += new TextDecoder().decode((await reader.read()).value);
    await test.user.json("POST", `/api/messages/${sent.bot_message.id}/stop`);
    await reader.cancel();
    await expect(
      Promise.race([
        fake.clientDisconnected().then(() => "aborted"),
        new Promise((resolve) => setTimeout(() => resolve("still open"), 3000)),
      ]),
    ).resolves.toBe("aborted");
  });

  it("lets a server bot call a model bot it declared, with tools, and answer with the result", async () => {
    const { fake, test } = await start();
    fake.reply(
      openAiStream({ toolCalls: [weatherCall] }),
      openAiStream({ text: ["It is sunny in Paris."] }),
    );
    const forecaster = defineBot({
      settings: { server_bot_dependencies: { "GPT-4o": 2 } },
      async *onQuery(request: QueryRequest) {
        const tools = [weatherTool];
        const toolExecutables = { get_weather: ({ city }: { city: string }) => `sunny in ${city}` };
        for await (const piece of streamRequest(request, "GPT-4o", request.access_key, {
          baseUrl: test.botBaseUrl,
          tools,
          toolExecutables,
        })) {
          yield piece.text;
        }
      },
    });
    server = await createBotTestServer(forecaster);
    await registerServerBot(test.user, {
      handle: "forecaster",
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    const reply = await chatWith(test.user, "forecaster", "Weather in Paris?");
    expect(reply).toMatchObject({ text: "It is sunny in Paris.", status: "complete" });
    const second = fake.requests.at(-1)!.body as { messages: Record<string, unknown>[] };
    expect(second.messages.slice(-2)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_weather",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_weather", content: '"sunny in Paris"' },
    ]);
  });
});
