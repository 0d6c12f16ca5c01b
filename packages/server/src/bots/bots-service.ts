import { generateAccessKey } from "@parlor/sdk";
import type { Actor } from "../auth/accounts.js";
import { authorize, botResource, type Principal } from "../auth/authorize.js";
import type { SecretBox } from "../auth/secret-box.js";
import { randomId } from "../auth/tokens.js";
import {
  ConflictError,
  invalidField,
  InvalidRequestError,
  NotFoundError,
  PlatformError,
  refusedField,
} from "../errors.js";
import type { Updateable } from "kysely";
import type { z } from "zod";
import type { BotRow } from "../store/bots-store.js";
import type { BotsTable } from "../store/schema.js";
import { SYSTEM_USER_ID } from "../store/users-store.js";
import type { Store } from "../store/store.js";
import { OutboundError, type OutboundClient } from "../outbound/index.js";
import { parseInput } from "../parse-input.js";
import {
  promptBotInputSchema,
  promptBotUpdateSchema,
  promptColumns,
} from "../prompt-bots/prompt-bot-input.js";
import { botInputSchema, botUpdateSchema, type botCommonSchema } from "./bot-input.js";
import type { CheckedImage } from "../images/accept-image.js";
import { avatarUrl, type BotAvatars } from "./bot-avatars.js";
import type { BotRegistry } from "./bot-registry.js";
import { BUILTIN_BOTS } from "./builtin-bots.js";
import { modelOfBot } from "../models/model-of-bot.js";
import { promptView } from "../prompt-bots/prompt-view.js";

/** The one answer for every taken handle, visible to the caller or not. */
export const HANDLE_NOT_AVAILABLE = "This handle is not available";

/**
 * A bot as the API shows it; the access key only to its owner, on request. `bases` holds the
 * base bots of prompt bots ({@link basesOf}); `canEdit` shows a prompt bot's prompt.
 */
export function publicBot(
  bot: BotRow,
  registry: BotRegistry,
  view: { bases?: ReadonlyMap<string, BotRow>; canEdit?: boolean } = {},
) {
  const settings = registry.settingsOf(bot);
  return {
    id: bot.id,
    handle: bot.handle,
    display_name: bot.display_name,
    description: bot.description,
    avatar_url: avatarUrl(bot),
    greeting: bot.greeting ?? settings.introduction_message,
    owner_id: bot.owner_id,
    visibility: bot.visibility,
    hidden: bot.hidden_at !== null,
    kind: bot.kind,
    server_url: bot.server_url,
    /** For model bots: the vendor and its model id. */
    model: modelOfBot(bot),
    /** For prompt bots: what it runs on, and its prompt for those who may edit it. */
    prompt: promptView(bot, view.bases ?? new Map(), view.canEdit ?? false),
    memory_last_n: bot.memory_last_n,
    settings,
    settings_fetched_at: bot.settings_fetched_at,
    created_at: bot.created_at,
  };
}

/** The columns every bot starts with, owned by `ownerId`; the caller sets its kind's own. */
function creatorBotRow(
  ownerId: string,
  values: z.input<typeof botCommonSchema>,
  now: number,
): BotRow {
  return {
    id: randomId("bot"),
    handle: values.handle.toLowerCase(),
    display_name: values.display_name ?? values.handle,
    description: values.description ?? "",
    avatar_url: null,
    greeting: values.greeting ?? null,
    owner_id: ownerId,
    visibility: values.visibility ?? "public",
    kind: "server",
    server_url: null,
    access_key_encrypted: null,
    builtin: null,
    settings_json: null,
    settings_fetched_at: null,
    memory_last_n: values.memory_last_n ?? null,
    hidden_at: null,
    avatar_version: null,
    created_at: now,
    updated_at: now,
    model_provider: null,
    model_id: null,
    prompt_base_bot_id: null,
    prompt_text: null,
    prompt_temperature: null,
    prompt_suggest_replies: null,
  };
}

/** How long after one `refetch_settings` the next is honoured. */
const REFETCH_THROTTLE_MS = 60_000;

/** Creating, changing and reading bots, and keeping their settings fresh. */
export function createBotsService(deps: {
  store: Store;
  registry: BotRegistry;
  secretBox: SecretBox;
  /** Checks bot URLs against the outbound policy when they are registered or changed. */
  outbound: Pick<OutboundClient, "check">;
  /** Stores the avatars given as `avatar_url`. */
  avatars: BotAvatars;
  clock?: () => number;
  onSettingsError?: (bot: BotRow, error: unknown) => void;
  /** Whether lists show a bot: model bots only while their provider is configured. */
  isListed?: (bot: BotRow) => boolean;
}) {
  const { store, registry, secretBox } = deps;
  const clock = deps.clock ?? Date.now;
  // Each bot's last `refetch_settings` fetch, failed or not, by bot id. In memory: after a
  // restart, or on another instance, a bot may be asked once more within the minute.
  const refetches = new Map<string, { startedAt: number; running: boolean }>();

  /** Refuses a URL the platform could never call, with the reason and how to allow it. */
  async function checkServerUrl(url: string): Promise<void> {
    try {
      await deps.outbound.check(url);
    } catch (error) {
      if (error instanceof OutboundError) throw refusedField("server_url", error.message);
      throw error;
    }
  }

  // Handles are one namespace, so a taken one must be refused, but the answer is the same
  // whether the bot is public or one the caller may not see (which still answers 404): a 409
  // that named the bot or differed for private ones would reveal that it exists.
  async function checkHandleFree(handle: string): Promise<void> {
    if (await store.bots.findByHandle(handle)) throw new ConflictError(HANDLE_NOT_AVAILABLE);
  }

  /** Stores a creator's new bot, its avatar and its settings; returns it as stored. */
  async function saveNewBot(bot: BotRow, avatar: CheckedImage | undefined): Promise<BotRow> {
    await store.bots.insert(bot);
    if (avatar) await deps.avatars.save(bot, avatar);
    // Settings on creation: a bot that is not up yet must not block creating it.
    await service.syncSettings(bot).catch((error: unknown) => deps.onSettingsError?.(bot, error));
    return (await store.bots.findById(bot.id))!;
  }

  /**
   * Applies a creator's changes, fetching a new avatar first so that a URL that fails leaves
   * the bot as it was; `avatarUrl` null removes the avatar.
   */
  async function saveChanges(
    bot: BotRow,
    changes: Updateable<BotsTable>,
    avatarUrl: string | null | undefined,
  ): Promise<BotRow> {
    const avatar = avatarUrl ? await deps.avatars.fromUrl(avatarUrl) : undefined;
    await store.bots.update(bot.id, { ...changes, updated_at: clock() });
    const updated = (await store.bots.findById(bot.id))!;
    if (avatar) return deps.avatars.save(updated, avatar);
    if (avatarUrl === null) return deps.avatars.remove(updated);
    return updated;
  }

  /** A prompt bot's changes; a new base bot brings its settings (attachments, controls). */
  async function updatePromptBot(bot: BotRow, input: unknown): Promise<BotRow> {
    const values = parseInput(promptBotUpdateSchema, input);
    const {
      avatar_url: avatarUrl,
      base_bot,
      prompt,
      temperature,
      suggest_replies,
      ...changes
    } = values;
    const columns = await promptColumns(
      store,
      { base_bot, prompt, temperature, suggest_replies },
      { id: bot.id, ownerId: bot.owner_id },
    );
    const updated = await saveChanges(bot, { ...changes, ...columns }, avatarUrl);
    if (base_bot === undefined) return updated;
    return service.syncSettings(updated).catch((error: unknown) => {
      deps.onSettingsError?.(updated, error);
      return updated;
    });
  }

  const service = {
    /** Makes sure the system account and the built-in bots exist. */
    async installBuiltins(): Promise<void> {
      if (!(await store.users.findById(SYSTEM_USER_ID))) {
        await store.users.insert({
          id: SYSTEM_USER_ID,
          email: "system@parlor.invalid",
          password_hash: "!",
          role: "user",
          created_at: clock(),
          disabled_at: null,
        });
      }
      for (const [name, builtin] of Object.entries(BUILTIN_BOTS)) {
        if (await store.bots.findByHandle(name)) continue;
        const now = clock();
        const row: BotRow = {
          ...creatorBotRow(
            SYSTEM_USER_ID,
            {
              handle: name,
              display_name: builtin.displayName,
              description: builtin.description,
              visibility: "public",
            },
            now,
          ),
          kind: "in_process",
          builtin: name,
        };
        await store.bots.insert(row);
        await service.syncSettings(row);
      }
    },

    /** Registers a server bot; returns it with its access key (generated unless supplied). */
    async createServerBot(
      actor: Actor,
      input: unknown,
    ): Promise<{ bot: BotRow; accessKey: string }> {
      const values = parseInput(botInputSchema, input);
      await checkHandleFree(values.handle);
      await checkServerUrl(values.server_url);
      const avatar = values.avatar_url ? await deps.avatars.fromUrl(values.avatar_url) : undefined;
      const accessKey = values.access_key ?? generateAccessKey();
      const bot: BotRow = {
        ...creatorBotRow(actor.userId, values, clock()),
        kind: "server",
        server_url: values.server_url,
        access_key_encrypted: secretBox.seal(accessKey),
      };
      return { bot: await saveNewBot(bot, avatar), accessKey };
    },

    /** Makes a prompt bot: a prompt over a base bot its creator may use. */
    async createPromptBot(actor: Actor, input: unknown): Promise<BotRow> {
      const values = parseInput(promptBotInputSchema, input);
      await checkHandleFree(values.handle);
      const id = randomId("bot");
      const columns = await promptColumns(store, values, { id, ownerId: actor.userId });
      const avatar = values.avatar_url ? await deps.avatars.fromUrl(values.avatar_url) : undefined;
      const bot: BotRow = {
        ...creatorBotRow(actor.userId, values, clock()),
        id,
        kind: "prompt",
        ...columns,
        prompt_suggest_replies: columns.prompt_suggest_replies ?? 0,
      };
      return saveNewBot(bot, avatar);
    },

    /** A bot the actor may use, by handle; 404 otherwise. */
    async usable(actor: Principal, handle: string): Promise<BotRow> {
      const bot = await store.bots.findByHandle(handle);
      if (!bot || !authorize(actor, "use", botResource(bot))) {
        throw new NotFoundError(`Bot "${handle}"`);
      }
      return bot;
    },

    /** The bots a list shows the actor (GET /api/bots, /v1/models), by handle. */
    async listed(actor: Principal): Promise<BotRow[]> {
      const candidates = await store.bots.listPublicOrOwnedBy(actor.userId);
      const isListed = deps.isListed ?? (() => true);
      return candidates.filter(
        (bot) => authorize(actor, "list", botResource(bot)) && isListed(bot),
      );
    },

    /** A bot the actor may change (its owner or an admin); 404 when they may not even see it. */
    async editable(actor: Actor, handle: string): Promise<BotRow> {
      const bot = await service.usable(actor, handle);
      if (!authorize(actor, "write", botResource(bot))) {
        throw new NotFoundError(`Bot "${handle}"`);
      }
      return bot;
    },

    async update(actor: Actor, handle: string, input: unknown): Promise<BotRow> {
      const bot = await service.editable(actor, handle);
      if (bot.kind === "prompt") return updatePromptBot(bot, input);
      const { avatar_url: newAvatarUrl, ...changes } = parseInput(botUpdateSchema, input);
      if (bot.kind !== "server" && changes.server_url)
        throw invalidField("server_url", "Only server bots have a server_url");
      if (changes.server_url) await checkServerUrl(changes.server_url);
      return saveChanges(bot, changes, newAvatarUrl);
    },

    /** Gives a server bot a new access key; the old one is refused from now on. */
    async rotateAccessKey(bot: BotRow): Promise<string> {
      if (bot.kind !== "server")
        throw new InvalidRequestError("Only server bots have an access key to rotate");
      const accessKey = generateAccessKey();
      await store.bots.update(bot.id, {
        access_key_encrypted: secretBox.seal(accessKey),
        updated_at: clock(),
      });
      return accessKey;
    },

    async remove(actor: Actor, handle: string): Promise<void> {
      const bot = await service.editable(actor, handle);
      await store.bots.delete(bot.id);
    },

    /** Fetches the bot's settings with a `settings` request and stores them. */
    async syncSettings(bot: BotRow): Promise<BotRow> {
      let settings;
      try {
        settings = await registry.runnerFor(bot).settings();
      } catch (error) {
        throw new PlatformError(
          "settings_unavailable",
          502,
          `Could not fetch settings from ${bot.handle}: ${(error as Error).message}`,
        );
      }
      await store.bots.update(bot.id, {
        settings_json: JSON.stringify(settings),
        settings_fetched_at: clock(),
      });
      return (await store.bots.findById(bot.id))!;
    },

    /**
     * Honours `meta.refetch_settings` in the background, at most once a minute per bot: counted
     * from the last attempt, so a bot whose settings fail is not asked on every reply, and
     * concurrent replies share the one fetch that the first of them starts.
     */
    refetchSoon(bot: BotRow): void {
      const now = clock();
      const last = refetches.get(bot.id);
      if (last && (last.running || now - last.startedAt < REFETCH_THROTTLE_MS)) return;
      if (bot.settings_fetched_at && now - bot.settings_fetched_at < REFETCH_THROTTLE_MS) return;
      const refetch = { startedAt: now, running: true };
      refetches.set(bot.id, refetch);
      void service
        .syncSettings(bot)
        .catch((error: unknown) => deps.onSettingsError?.(bot, error))
        .finally(() => (refetch.running = false));
    },
  };
  return service;
}

/** The bots service. */
export type BotsService = ReturnType<typeof createBotsService>;
