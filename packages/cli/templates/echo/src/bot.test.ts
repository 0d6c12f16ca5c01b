import { expect, it } from "vitest";
import { queryBot } from "@parlor/sdk/testing";
import { bot } from "./bot.js";

it("says back the last message, with a suggested reply", async () => {
  const run = await queryBot(bot, "hello");
  expect(run.text).toBe("You said: hello");
  expect(run.suggestedReplies).toEqual(["Say it again"]);
  expect(run.reports).toEqual([]); // protocol mistakes the platform would report
});
