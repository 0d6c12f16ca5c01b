import { ACCESS_KEY_LENGTH } from "@parlor/protocol";
import { generateAccessKey } from "@parlor/sdk";
import { z } from "zod";
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
import type { BotRow } from "../store/bots-store.js";
import { SYSTEM_USER_ID } from "../store/users-store.js";
import type { Store } from "../store/store.js";
import { OutboundError, type OutboundClient } from "../outbound/index.js";
import { TEXT_LIMITS } from "../input/text-limits.js";
import { userText } from "../input/user-text.js";
import { parseInput } from "../parse-input.js";
import { avatarUrl, type BotAvatars } from "./bot-avatars.js";
import type { BotRegistry } from "./bot-registry.js";
import { BUILTIN_BOTS } from "./builtin-bots.js";
import { modelOfBot } from "../models/model-of-bot.js";

/** The one answer for every taken handle, visible to the caller or not. */
export const HANDLE_NOT_AVAILABLE = "This handle is not available";

/** What a creator sends to make or change a server bot. */
export const botInputSchema = z.strictObject({
  handle: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_-]{1,49}$/,
      "must be 2–50 letters, digits, '-' or '_', starting with a letter or digit",
    ),
  display_name: userText(TEXT_LIMITS.botDisplayName).min(1).optional(),
  description: userText(TEXT_LIMITS.botDescription).default(""),
  /** Fetched once and stored as the avatar; the URL itself is kept nowhere. */
  avatar_url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(TEXT_LIMITS.url)
    .nullable()
    .optional(),
  greeting: userText(TEXT_LIMITS.botGreeting).nullable().optional(),
  visibility: z.enum(["public", "unlisted", "private"]).default("public"),
  server_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(TEXT_LIMITS.url),
  access_key: z
    .string()
    .length(ACCESS_KEY_LENGTH, `must be exactly ${ACCESS_KEY_LENGTH} characters`)
    .optional(),
  memory_last_n: z.number().int().min(1).max(1000).nullable().optional(),
});

/** The fields a creator may change later. */
export const botUpdateSchema = botInputSchema.omit({ handle: true, access_key: true }).partial();

/** A bot as the API shows it; the access key only to its owner, on request. */
export function publicBot(bot: BotRow, registry: BotRegistry) {
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
    memory_last_n: bot.memory_last_n,
    settings,
    settings_fetched_at: bot.settings_fetched_at,
    created_at: bot.created_at,
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
          id: randomId("bot"),
          handle: name,
          display_name: builtin.displayName,
          description: builtin.description,
          avatar_url: null,
          greeting: null,
          owner_id: SYSTEM_USER_ID,
          visibility: "public",
          kind: "in_process",
          server_url: null,
          access_key_encrypted: null,
          builtin: name,
          settings_json: null,
          settings_fetched_at: null,
          memory_last_n: null,
          hidden_at: null,
          avatar_version: null,
          created_at: now,
          updated_at: now,
          model_provider: null,
          model_id: null,
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
      const handle = values.handle.toLowerCase();
      // Handles are one namespace, so a taken one must be refused, but the answer is the same
      // whether the bot is public or one the caller may not see (which still answers 404):
      // a 409 that named the bot or differed for private ones would reveal that it exists.
      if (await store.bots.findByHandle(handle)) throw new ConflictError(HANDLE_NOT_AVAILABLE);
      await checkServerUrl(values.server_url);
      const avatar = values.avatar_url ? await deps.avatars.fromUrl(values.avatar_url) : undefined;
      const accessKey = values.access_key ?? generateAccessKey();
      const now = clock();
      const bot: BotRow = {
        id: randomId("bot"),
        handle,
        display_name: values.display_name ?? values.handle,
        description: values.description,
        avatar_url: null,
        greeting: values.greeting ?? null,
        owner_id: actor.userId,
        visibility: values.visibility,
        kind: "server",
        server_url: values.server_url,
        access_key_encrypted: secretBox.seal(accessKey),
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
      };
      await store.bots.insert(bot);
      if (avatar) await deps.avatars.save(bot, avatar);
      // Settings on creation: a bot that is not up yet must not block creating it.
      await service.syncSettings(bot).catch((error: unknown) => deps.onSettingsError?.(bot, error));
      return { bot: (await store.bots.findById(bot.id))!, accessKey };
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
      const { avatar_url: newAvatarUrl, ...changes } = parseInput(botUpdateSchema, input);
      if (bot.kind !== "server" && changes.server_url)
        throw invalidField("server_url", "Only server bots have a server_url");
      if (changes.server_url) await checkServerUrl(changes.server_url);
      // Fetched before anything changes, so a URL that fails leaves the bot as it was.
      const avatar = newAvatarUrl ? await deps.avatars.fromUrl(newAvatarUrl) : undefined;
      await store.bots.update(bot.id, { ...changes, updated_at: clock() });
      const updated = (await store.bots.findById(bot.id))!;
      if (avatar) return deps.avatars.save(updated, avatar);
      if (newAvatarUrl === null) return deps.avatars.remove(updated);
      return updated;
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
