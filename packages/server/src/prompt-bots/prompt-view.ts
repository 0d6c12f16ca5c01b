import { modelOfBot } from "../models/model-of-bot.js";
import type { BotRow } from "../store/bots-store.js";
import type { Store } from "../store/store.js";

/** The base bots of the prompt bots among `bots`, by id, for {@link promptView}. */
export async function basesOf(store: Store, bots: BotRow[]): Promise<Map<string, BotRow>> {
  const ids = new Set(
    bots.flatMap((bot) =>
      bot.kind === "prompt" && bot.prompt_base_bot_id ? [bot.prompt_base_bot_id] : [],
    ),
  );
  const bases = new Map<string, BotRow>();
  for (const id of ids) {
    const base = await store.bots.findById(id);
    if (base) bases.set(id, base);
  }
  return bases;
}

/**
 * A prompt bot's part of the API's bot: the bot it runs on (and that bot's model) for everyone;
 * the prompt itself only for those who may edit the bot, since it is the creator's work.
 */
export function promptView(bot: BotRow, bases: ReadonlyMap<string, BotRow>, showPrompt: boolean) {
  if (bot.kind !== "prompt") return null;
  const base = bot.prompt_base_bot_id ? bases.get(bot.prompt_base_bot_id) : undefined;
  return {
    base_bot: base
      ? { handle: base.handle, display_name: base.display_name, model: modelOfBot(base) }
      : null,
    suggest_replies: bot.prompt_suggest_replies === 1,
    ...(showPrompt && { text: bot.prompt_text ?? "", temperature: bot.prompt_temperature }),
  };
}
