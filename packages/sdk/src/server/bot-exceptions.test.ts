import { afterEach, describe, expect, it, vi } from "vitest";
import { defineBot } from "../bot/define-bot.js";
import { PoeBot } from "../bot/poe-bot.js";
import type { BotResponse } from "../bot/bot-response.js";
import { InsufficientFundError } from "../errors.js";
import { queryBot } from "../testing/query-bot.js";

/** A bot that fails halfway through its reply, in a function its stack will name. */
const failingBot = (logger?: (message: string, error?: unknown) => void) =>
  defineBot({
    async *onQuery() {
      yield "partial";
      await Promise.resolve();
      throw new Error("database down");
    },
    ...(logger ? { logger } : {}),
  });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an exception inside a bot", () => {
  it("shows the user the generic error and gives the owner the exception", async () => {
    const logged: { message: string; error: unknown }[] = [];
    const run = await queryBot(
      failingBot((message, error) => logged.push({ message, error })),
      "hi",
    );
    expect(run.text).toBe("partial");
    expect(run.error).toEqual({
      allow_retry: false,
      text: "The bot encountered an unexpected issue.",
      raw_response: "Error: database down",
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toBe("Error responding to query m-test:");
    expect((logged[0]!.error as Error).message).toBe("database down");
  });

  it("is printed to stderr with its stack when no logger is given", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    await queryBot(failingBot(), "hi");
    expect(printed).toHaveBeenCalledTimes(1);
    const [message, error] = printed.mock.calls[0]!;
    expect(message).toBe("Error responding to query m-test:");
    // console.error prints an Error with its stack, which says where the bot failed.
    expect((error as Error).stack).toMatch(/database down\n\s+at .*bot-exceptions\.test\.ts/);
  });

  it("reaches the logger of a PoeBot subclass", async () => {
    const logged: string[] = [];
    class Broken extends PoeBot {
      // eslint-disable-next-line require-yield
      override async *getResponse(): AsyncIterable<BotResponse> {
        throw new TypeError("undefined is not a function");
      }
    }
    const run = await queryBot(new Broken({ logger: (message) => logged.push(message) }), "hi");
    expect(run.error?.raw_response).toBe("TypeError: undefined is not a function");
    expect(logged).toEqual(["Error responding to query m-test:"]);
  });

  it("is not logged when it is a refused charge, which the user is told about", async () => {
    const logger = vi.fn();
    const bot = defineBot({
      // eslint-disable-next-line require-yield
      async *onQuery() {
        throw new InsufficientFundError();
      },
      logger,
    });
    const run = await queryBot(bot, "hi");
    expect(run.error?.error_type).toBe("insufficient_fund");
    expect(logger).not.toHaveBeenCalled();
  });
});
