import { afterAll, beforeAll, expect, it } from "vitest";
import { defineBot, json, type ToolResultDefinition } from "@parlor/sdk";
import { createBotTestServer, queryBot, type BotTestServer } from "@parlor/sdk/testing";
import { bot } from "./bot.js";

/** An OpenAI `chat.completion.chunk`, the object a model bot sends in each `json` event. */
function chunk(delta: Record<string, unknown>, finishReason: string | null = null) {
  const choice = { index: 0, delta, finish_reason: finishReason };
  return { id: "c-1", object: "chat.completion.chunk", created: 0, model: "m", choices: [choice] };
}

// A stand-in for the model, on a local port: it asks for add(2, 3), then answers with the result.
let model: BotTestServer;
beforeAll(async () => {
  const fakeModel = defineBot({
    async *onQuery(request) {
      const last = request.query.at(-1)!;
      if (last.role !== "tool") {
        const call = { index: 0, id: "call_1", type: "function" };
        yield json(chunk({ tool_calls: [{ ...call, function: { name: "add", arguments: "" } }] }));
        yield json(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":2,"b":3}' } }] }));
        yield json(chunk({}, "tool_calls"));
      } else {
        const [result] = JSON.parse(last.content) as ToolResultDefinition[];
        yield json(chunk({ content: `2 + 3 = ${result?.content}` }));
        yield json(chunk({}, "stop"));
      }
    },
  });
  model = await createBotTestServer(fakeModel);
  process.env.PARLOR_BOT_BASE_URL = `${model.url}/bot/`;
});
afterAll(() => model.close());

it("runs the tool the model calls and streams the model's answer", async () => {
  // `serve` gives the bot its key from POE_ACCESS_KEY; the bot calls other bots with it.
  const run = await queryBot({ ...bot, accessKey: model.accessKey }, "What is 2 + 3?");
  expect(run.text).toBe("2 + 3 = 5");
  expect(run.reports).toEqual([]);
});
