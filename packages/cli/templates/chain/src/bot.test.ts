import { afterAll, beforeAll, expect, it } from "vitest";
import { defineBot, suggestedReply } from "@parlor/sdk";
import { createBotTestServer, queryBot, type BotTestServer } from "@parlor/sdk/testing";
import { bot, TARGET } from "./bot.js";

// A stand-in for the platform's bot API: one bot on a local port that answers any bot name.
let platform: BotTestServer;
const calledPaths: string[] = [];
beforeAll(async () => {
  const target = defineBot({
    async *onQuery(request, context) {
      calledPaths.push(new URL(context.url, "http://x").pathname);
      yield `echo: ${request.query.at(-1)?.content ?? ""}`;
      yield suggestedReply("Again");
    },
  });
  platform = await createBotTestServer(target);
  process.env.PARLOR_BOT_BASE_URL = `${platform.url}/bot/`;
});
afterAll(() => platform.close());

it(`asks @${TARGET} and shows its answer under a heading`, async () => {
  // `serve` gives the bot its key from POE_ACCESS_KEY; the bot calls other bots with it.
  const run = await queryBot({ ...bot, accessKey: platform.accessKey }, "hello");
  expect(run.text).toBe(`**@${TARGET}** says:\n\necho: hello`);
  expect(run.suggestedReplies).toEqual(["Again"]);
  expect(calledPaths).toEqual([`/bot/${TARGET}`]);
  expect(run.reports).toEqual([]);
});
