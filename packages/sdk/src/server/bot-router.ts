import { normalizePath, type Bot } from "../bot/define-bot.js";

/** Finds the bot for a request path. */
export type BotRouter = (path: string) => Bot | undefined;

/**
 * Routes requests to bots by path. A single bot answers on every path, so it can be mounted
 * under any route of any framework; several bots answer on their own `path`s only.
 */
export function createBotRouter(bots: readonly Bot[]): BotRouter {
  if (bots.length === 0) throw new Error("At least one bot is required");
  if (bots.length === 1) {
    const only = bots[0]!;
    return () => only;
  }
  const byPath = new Map<string, Bot>();
  for (const bot of bots) {
    if (byPath.has(bot.path))
      throw new Error(`Two bots share the path ${bot.path}; give each its own`);
    byPath.set(bot.path, bot);
  }
  return (path) => byPath.get(normalizePath(path));
}
