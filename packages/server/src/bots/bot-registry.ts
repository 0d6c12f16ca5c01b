import { resolveSettings, settingsResponseSchema, type ResolvedSettings } from "@parlor/protocol";
import type { Bot, BotLogger } from "@parlor/sdk";
import type { SecretBox } from "../auth/secret-box.js";
import type { OutboundClient } from "../outbound/index.js";
import type { BotRunner } from "../relay/bot-runner.js";
import { createInProcessRunner } from "../relay/in-process-runner.js";
import { createServerBotRunner } from "../relay/server-bot-runner.js";
import type { BotRow } from "../store/bots-store.js";

/** Turns stored bots into runners and reads their settings; the seam model and prompt bots will use. */
export function createBotRegistry(deps: {
  secretBox: SecretBox;
  outbound: OutboundClient;
  builtins: Readonly<Record<string, { bot: Bot }>>;
  /** Runs model bots (kind `model`): the vendor's API through `@parlor/providers`. */
  modelRunnerFor?: (bot: BotRow) => BotRunner;
  /** Runs prompt bots (kind `prompt`): the creator's prompt over another bot. */
  promptRunnerFor?: (bot: BotRow) => BotRunner;
  /** Where in-process bots log their own failures (a handler's exception); default the SDK's. */
  botLogger?: BotLogger;
}) {
  const inProcess = new Map<string, BotRunner>();
  // Runners of stored bots by bot id, rebuilt when the bot's row changes: decrypting a server
  // bot's key or parsing a model bot's settings on every call costs.
  const runners = new Map<string, { version: string; runner: BotRunner }>();
  const cached = (bot: BotRow, version: string, make: () => BotRunner): BotRunner => {
    const known = runners.get(bot.id);
    if (known?.version === version) return known.runner;
    const runner = make();
    runners.set(bot.id, { version, runner });
    return runner;
  };
  // Resolved settings by stored JSON: parsing and validating them on every call costs more
  // than the rest of a bot call's bookkeeping. Treat the result as read-only.
  const settings = new Map<string, ResolvedSettings>();
  return {
    runnerFor(bot: BotRow): BotRunner {
      if (bot.kind === "in_process") {
        const builtin = bot.builtin ? deps.builtins[bot.builtin] : undefined;
        if (!builtin) throw new Error(`Unknown built-in bot ${bot.builtin}`);
        let runner = inProcess.get(bot.builtin!);
        if (!runner) {
          const logged = deps.botLogger ? { ...builtin.bot, logger: deps.botLogger } : builtin.bot;
          inProcess.set(bot.builtin!, (runner = createInProcessRunner(logged)));
        }
        return runner;
      }
      const { modelRunnerFor, promptRunnerFor } = deps;
      if (bot.kind === "model") {
        if (!modelRunnerFor) throw new Error(`Model bot ${bot.handle} but no models service`);
        return cached(bot, `${bot.updated_at}:${bot.settings_json}`, () => modelRunnerFor(bot));
      }
      if (bot.kind === "prompt") {
        if (!promptRunnerFor) throw new Error(`Prompt bot ${bot.handle} but no prompt runner`);
        return cached(bot, String(bot.updated_at), () => promptRunnerFor(bot));
      }
      const version = `${bot.updated_at}:${bot.server_url}:${bot.access_key_encrypted}`;
      return cached(bot, version, () =>
        createServerBotRunner(
          { url: bot.server_url!, accessKey: this.accessKeyOf(bot) },
          deps.outbound,
        ),
      );
    },
    accessKeyOf(bot: BotRow): string {
      if (!bot.access_key_encrypted) throw new Error(`Bot ${bot.handle} has no access key`);
      return deps.secretBox.open(bot.access_key_encrypted);
    },
    /** The bot's settings with protocol defaults applied (defaults when never fetched). */
    settingsOf(bot: BotRow): ResolvedSettings {
      const json = bot.settings_json ?? "{}";
      const known = settings.get(json);
      if (known) return known;
      const parsed = settingsResponseSchema.safeParse(JSON.parse(json));
      const resolved = resolveSettings(parsed.success ? parsed.data : {});
      // Bounded: settings change rarely, but a long-running platform sees many versions.
      if (settings.size >= 1000) settings.clear();
      settings.set(json, resolved);
      return resolved;
    },
  };
}

/** The bot registry. */
export type BotRegistry = ReturnType<typeof createBotRegistry>;
