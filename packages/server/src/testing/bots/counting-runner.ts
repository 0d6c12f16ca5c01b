import type { ReplyUsage } from "../../relay/bot-runner.js";
import type { RunningPlatform } from "../../start-server.js";

/**
 * Makes the built-in `echo` bot count tokens as a model bot does, reporting `usage` for every
 * reply (through `BotReplyStream.usage()`), until model bots exist to test with.
 */
export function countTokensOfEcho(
  running: RunningPlatform,
  usage: Omit<ReplyUsage, "provider" | "model"> & Partial<ReplyUsage>,
): void {
  const { registry } = running.platform;
  const runnerFor = registry.runnerFor.bind(registry);
  registry.runnerFor = (bot) => {
    const runner = runnerFor(bot);
    if (bot.handle !== "echo") return runner;
    return {
      ...runner,
      async query(request, signal) {
        const stream = await runner.query(request, signal);
        return {
          ...stream,
          usage: () => ({ provider: "openai", model: "gpt-4o", ...usage }),
        };
      },
    };
  };
}
