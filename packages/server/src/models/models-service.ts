import type { ModelProvider, ProviderError } from "@parlor/providers";
import type { Logger } from "pino";
import type { SecretBox } from "../auth/secret-box.js";
import type { BotAvatars } from "../bots/bot-avatars.js";
import type { ModelsConfig } from "../config/models-config.js";
import type { BotRunner } from "../relay/bot-runner.js";
import type { BotRow } from "../store/bots-store.js";
import type { Store } from "../store/store.js";
import { CURATED_MODELS } from "./curated-models.js";
import { discoverModels, type Discovery } from "./discover-models.js";
import type { ImageInliner } from "./inline-images.js";
import { syncModelBots } from "./model-bot-rows.js";
import { createModelRunner, type ProviderLookup } from "./model-runner.js";
import { providerEntries, type ProviderEntry, type ProviderOptions } from "./provider-entries.js";

/** How long a provider may take to list its models; a local Ollama nobody named, much less. */
const DISCOVERY_TIMEOUT_MS = 10_000;
const OLLAMA_PROBE_TIMEOUT_MS = 1_500;

/**
 * The model providers the platform knows (environment, admin, a local Ollama), what each
 * serves, and the model bots: each offered chat model is a bot row; bots of providers that
 * are gone, switched off or without a key are not listed, and calling one says why.
 */
export function createModelsService(deps: {
  config: ModelsConfig;
  store: Store;
  secretBox: SecretBox;
  avatars: BotAvatars;
  logger: Logger;
  clock: () => number;
  inlineImages: ImageInliner;
  providerOptions?: ProviderOptions;
}) {
  const { store, logger, clock } = deps;
  let entries: ProviderEntry[] = [];
  const discoveries = new Map<string, Discovery>();
  // One refresh at a time: two would insert the same new model bots twice.
  let refreshing: Promise<void> = Promise.resolve();

  async function loadEntries(): Promise<void> {
    entries = providerEntries({
      config: deps.config,
      rows: await store.modelProviders.list(),
      secretBox: deps.secretBox,
      ...(deps.providerOptions && { options: deps.providerOptions }),
    });
  }

  const entryOf = (id: string | null) => entries.find((entry) => entry.id === id);

  async function refreshEntry(entry: ProviderEntry): Promise<void> {
    const autodiscovered = entry.source === "autodiscovered";
    const timeoutMs = autodiscovered ? OLLAMA_PROBE_TIMEOUT_MS : DISCOVERY_TIMEOUT_MS;
    const discovery = await discoverModels(entry, { timeoutMs, now: clock() });
    discoveries.set(entry.id, discovery);
    if (discovery.chat?.length) {
      await syncModelBots({ store, avatars: deps.avatars, clock }, entry.id, discovery.chat);
    }
    if (discovery.status === "key_wrong") {
      logger.warn(
        { provider: entry.id },
        `${entry.name} refused the API key: fix it in Admin → Models`,
      );
    } else if (discovery.status === "unreachable" && !autodiscovered) {
      logger.warn(
        { provider: entry.id, reason: discovery.message },
        `${entry.name} could not list its models`,
      );
    } else if (discovery.status === "ok" && autodiscovered) {
      logger.info(
        { models: discovery.chat?.length ?? 0 },
        `found a local Ollama at ${entry.baseUrl}`,
      );
    }
  }

  const service = {
    /**
     * At start: the curated bots of configured vendors at once (no network), then every
     * provider's models in the background; `ready` settles when that is done.
     */
    async start(): Promise<{ ready: Promise<void> }> {
      await loadEntries();
      for (const entry of entries) {
        if (entry.kind === "openai_compatible" || !entry.provider || !entry.enabled) continue;
        await syncModelBots(
          { store, avatars: deps.avatars, clock },
          entry.id,
          CURATED_MODELS[entry.kind],
        );
      }
      return { ready: service.refresh() };
    },

    /** Rereads the providers (their settings may have changed) and their models. */
    refresh(): Promise<void> {
      refreshing = refreshing.then(async () => {
        await loadEntries();
        await Promise.all(
          entries.map((entry) =>
            refreshEntry(entry).catch((error: unknown) =>
              logger.error({ err: error, provider: entry.id }, "model discovery failed"),
            ),
          ),
        );
      });
      refreshing = refreshing.catch((error: unknown) =>
        logger.error({ err: error }, "could not read the model providers"),
      );
      return refreshing;
    },

    /** Every provider entry with what is known of it. */
    providers(): { entry: ProviderEntry; discovery: Discovery | undefined }[] {
      return entries.map((entry) => ({ entry, discovery: discoveries.get(entry.id) }));
    },

    /** Whether a list may show this bot: model bots only while their provider serves them. */
    isListed(bot: BotRow): boolean {
      if (bot.kind !== "model") return true;
      const entry = entryOf(bot.model_provider);
      if (!entry?.enabled || !entry.provider) return false;
      const discovery = discoveries.get(entry.id);
      if (discovery?.chat) return discovery.chat.some((model) => model.id === bot.model_id);
      return entry.source !== "autodiscovered";
    },

    /** The provider a model bot calls, or why there is none, in words for its user. */
    providerFor(providerId: string): ProviderLookup {
      const entry = entryOf(providerId);
      if (!entry?.provider) {
        return { unavailable: `${entry?.name ?? providerId} is not configured on this Parlor.` };
      }
      if (!entry.enabled) {
        return { unavailable: `${entry.name} is switched off on this Parlor by an admin.` };
      }
      return { provider: entry.provider };
    },

    /** The runner of a model bot. */
    runnerFor(bot: BotRow): BotRunner {
      return createModelRunner(bot, {
        providerFor: (id) => service.providerFor(id),
        onAuthFailure: (providerId: string, error: ProviderError) => {
          const known = discoveries.get(providerId);
          discoveries.set(providerId, {
            status: "key_wrong",
            message: error.message,
            checkedAt: clock(),
            chat: known?.chat,
            embedding: known?.embedding ?? [],
          });
          logger.warn(
            // Not the vendor's detail: OpenAI's quotes part of the key.
            { provider: providerId },
            "a vendor refused the API key: fix it in Admin → Models",
          );
        },
        inlineImages: deps.inlineImages,
      });
    },

    /**
     * The provider and model id for an embedding model, `text-embedding-3-small` or
     * `<provider>/<model>`; null when no configured provider serves it.
     */
    async embeddingTarget(
      model: string,
    ): Promise<{ provider: ModelProvider; model: string } | null> {
      await Promise.resolve();
      for (const entry of entries) {
        if (!entry.provider || !entry.enabled) continue;
        const prefix = `${entry.id.toLowerCase()}/`;
        const id = model.toLowerCase().startsWith(prefix) ? model.slice(prefix.length) : model;
        const served = discoveries.get(entry.id)?.embedding ?? [];
        if (served.includes(id)) return { provider: entry.provider, model: id };
      }
      return null;
    },
  };
  return service;
}

/** The models service (`platform.models`). */
export type ModelsService = ReturnType<typeof createModelsService>;
