import type { BotRow } from "../store/bots-store.js";
import { VENDOR_NAMES, type VendorId } from "./provider-entries.js";

/** Which vendor model a model bot is, as the API shows it; null for other bots. */
export function modelOfBot(
  bot: BotRow,
): { provider: string; vendor: string; model_id: string } | null {
  if (bot.kind !== "model" || !bot.model_provider || !bot.model_id) return null;
  const vendor = Object.hasOwn(VENDOR_NAMES, bot.model_provider)
    ? VENDOR_NAMES[bot.model_provider as VendorId]
    : bot.model_provider;
  return { provider: bot.model_provider, vendor, model_id: bot.model_id };
}
