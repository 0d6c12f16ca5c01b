import type { BotRegistry } from "../bots/bot-registry.js";
import type { BotRow } from "../store/bots-store.js";
import { safeEqual } from "./safe-equal.js";

/** Whether `key` is the access key of `bot`, compared in constant time; only server bots have one. */
export function isAccessKeyOf(
  registry: BotRegistry,
  bot: BotRow | undefined,
  key: string,
): boolean {
  if (bot?.kind !== "server" || !bot.access_key_encrypted) return false;
  return safeEqual(key, registry.accessKeyOf(bot));
}
