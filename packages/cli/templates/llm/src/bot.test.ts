import { afterAll, beforeAll, expect, it } from "vitest";
import { defineBot, type QueryRequest } from "@parlor/sdk";
import { createBotTestServer, queryBot, type BotTestServer } from "@parlor/sdk/testing";
import { bot, MODEL, SYSTEM_PROMPT } from "./bot.js";

// A stand-in for the model bot, on a local port: it answers with what it was sent.
let model: BotTestServer;
const prompts: QueryRequest[] = [];
beforeAll(async () => {
  const fakeModel = defineBot({
    async *onQuery(request) {
      prompts.push(request);
      yield "Hello ";
      yield "from the model.";
    },
  });
  model = await createBotTestServer(fakeModel);
  process.env.PARLOR_BOT_BASE_URL = `${model.url}/bot/`;
});
afterAll(() => model.close());

it(`streams @${MODEL}'s answer to the conversation, after the system prompt`, async () => {
  // `serve` gives the bot its key from POE_ACCESS_KEY; the bot calls other bots with it.
  const run = await queryBot({ ...bot, accessKey: model.accessKey }, "hi");
  expect(run.text).toBe("Hello from the model.");
  expect(prompts[0]?.query.map((message) => [message.role, message.content])).toEqual([
    ["system", SYSTEM_PROMPT],
    ["user", "hi"],
  ]);
  expect(run.reports).toEqual([]);
});
