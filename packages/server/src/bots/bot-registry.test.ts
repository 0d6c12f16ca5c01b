import { queryRequestSchema, type SseMessage } from "@parlor/protocol";
import { defineBot } from "@parlor/sdk";
import { describe, expect, it } from "vitest";
import type { BotRow } from "../store/bots-store.js";
import { createBotRegistry } from "./bot-registry.js";

const request = queryRequestSchema.parse({
  version: "1.2",
  type: "query",
  query: [{ role: "user", content: "hi" }],
  user_id: "u-1",
  conversation_id: "c-1",
  message_id: "m-1",
});

describe("a built-in bot's own failure", () => {
  it("is logged through the platform's logger, and the user gets the generic error", async () => {
    const logged: { message: string; error: unknown }[] = [];
    const registry = createBotRegistry({
      // Neither is used by an in-process bot.
      secretBox: {} as never,
      outbound: {} as never,
      builtins: {
        broken: {
          bot: defineBot({
            // eslint-disable-next-line require-yield
            async *onQuery() {
              throw new Error("the disk is full");
            },
          }),
        },
      },
      botLogger: (message, error) => logged.push({ message, error }),
    });
    const runner = registry.runnerFor({ kind: "in_process", builtin: "broken" } as BotRow);
    const stream = await runner.query(request, new AbortController().signal);
    const messages: SseMessage[] = [];
    await new Promise<void>((resolve, reject) => {
      stream.read({ message: (message) => messages.push(message), end: resolve, fail: reject });
    });
    expect(messages.map((message) => message.event)).toEqual(["error", "done"]);
    expect(messages[0]!.data).toContain("The bot encountered an unexpected issue.");
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toBe("Error responding to query m-1:");
    expect((logged[0]!.error as Error).message).toBe("the disk is full");
  });
});
