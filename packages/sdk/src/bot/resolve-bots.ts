import type { Bot } from "./define-bot.js";
import { PoeBot } from "./poe-bot.js";

/** A bot in either form: from `defineBot`, or a `PoeBot` subclass instance. */
export type BotLike = Bot | PoeBot;

/** Turns one bot or a list, in either form, into the list of {@link Bot}s servers run. */
export function resolveBots(bots: BotLike | readonly BotLike[]): Bot[] {
  const list: readonly BotLike[] = Array.isArray(bots) ? bots : [bots as BotLike];
  return list.map((bot) => (bot instanceof PoeBot ? bot.toBot() : bot));
}
