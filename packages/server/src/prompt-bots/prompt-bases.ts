import { authorize, botResource, principalOfBotOwner } from "../auth/authorize.js";
import type { BotRunner } from "../relay/bot-runner.js";
import type { LiveQueries } from "../relay/live-queries.js";
import type { BotRow } from "../store/bots-store.js";
import type { Store } from "../store/store.js";
import type { BaseLookup } from "./prompt-runner.js";

/** How many prompt bots may stand on one another before the real answering bot. */
export const MAX_PROMPT_CHAIN = 4;

/**
 * Why `base` cannot be the base of the prompt bot `self` (owned by `ownerId`), or null: it must
 * be a bot the owner may use, and the chain of prompt bots under it must end within
 * {@link MAX_PROMPT_CHAIN} steps without coming back to `self`.
 */
export async function baseProblem(
  store: Store,
  base: BotRow,
  self: { id: string | null; ownerId: string },
): Promise<string | null> {
  const owner = principalOfBotOwner(self.ownerId);
  let current: BotRow | undefined = base;
  for (let depth = 0; current; depth++) {
    if (current.id === self.id) return `@${base.handle} runs on this bot: that would be a loop`;
    if (!authorize(owner, "use", botResource(current))) {
      return current === base
        ? `@${base.handle} is not a bot its creator may use`
        : `@${base.handle} runs on @${current.handle}, which its creator may not use`;
    }
    if (current.kind !== "prompt") return null;
    if (depth + 1 >= MAX_PROMPT_CHAIN) {
      return `@${base.handle} stands on too many prompt bots (at most ${MAX_PROMPT_CHAIN})`;
    }
    current = current.prompt_base_bot_id
      ? await store.bots.findById(current.prompt_base_bot_id)
      : undefined;
  }
  return `@${base.handle} runs on a bot that was deleted`;
}

/** Finds prompt bots' base bots at call time, and the name of the user a query is for. */
export function createPromptBases(deps: {
  store: Store;
  liveQueries: LiveQueries;
  runnerFor: (bot: BotRow) => BotRunner;
}) {
  const { store } = deps;
  return {
    async baseOf(bot: BotRow): Promise<BaseLookup> {
      const base = bot.prompt_base_bot_id
        ? await store.bots.findById(bot.prompt_base_bot_id)
        : undefined;
      if (!base) {
        return {
          unavailable: `The bot ${bot.display_name} runs on was deleted; its creator must choose another.`,
        };
      }
      // Checked again at every call: the base may have turned private or been hidden since.
      const problem = await baseProblem(store, base, { id: bot.id, ownerId: bot.owner_id });
      if (problem) return { unavailable: `${bot.display_name} cannot answer: ${problem}.` };
      return { base, runner: deps.runnerFor(base) };
    },

    async userNameOf(request: { bot_query_id: string }): Promise<string | null> {
      const live = await deps.liveQueries.get(request.bot_query_id);
      if (!live) return null;
      return (await store.users.findById(live.userId))?.display_name ?? null;
    },
  };
}
