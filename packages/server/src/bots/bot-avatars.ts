import { PlatformError, refusedField } from "../errors.js";
import { acceptImage, type CheckedImage } from "../images/accept-image.js";
import { fetchImage } from "../images/fetch-image.js";
import { ImageFetchError } from "../images/image-fetch-error.js";
import type { ImageType } from "../images/sniff-image-type.js";
import {
  isAllowlisted,
  isLoopbackAddress,
  parseOutboundUrl,
  type OutboundClient,
} from "../outbound/index.js";
import type { BotAvatarRow } from "../store/bot-avatars-store.js";
import type { BotRow } from "../store/bots-store.js";
import type { Store } from "../store/store.js";

/** What an avatar may be: raster images browsers show everywhere. */
export const AVATAR_TYPES: readonly ImageType[] = [
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
];
/** The largest avatar the platform stores. */
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

/** How long fetching an `avatar_url` may take in all. */
const AVATAR_FETCH_TIMEOUT_MS = 10_000;

/**
 * The avatar's URL on this platform, `/api/bots/<handle>/avatar?v=<version>`, or null without
 * one. The version changes with every new avatar, so a cached old one is never shown for it.
 */
export function avatarUrl(bot: Pick<BotRow, "handle" | "avatar_version">): string | null {
  if (bot.avatar_version === null) return null;
  return `/api/bots/${encodeURIComponent(bot.handle)}/avatar?v=${bot.avatar_version}`;
}

/** A 413 for an avatar over the cap. */
export function avatarTooLarge(): PlatformError {
  return new PlatformError(
    "file_too_large",
    413,
    `Avatars may be at most ${MAX_AVATAR_BYTES / (1024 * 1024)} MB`,
  );
}

/** `PARLOR_ALLOWED_BOT_HOSTS` and `PARLOR_ALLOW_LOOPBACK_BOTS`, as avatars obey them. */
interface PlainHttpAvatars {
  allowedHosts: string[];
  allowLoopback: boolean;
}

/**
 * Whether an avatar may be fetched from `url`: https; or a host the operator allowlisted, or a
 * loopback one while the development switch lets local bots in.
 */
function isHttpsOrAllowlisted(url: string, plainHttp: PlainHttpAvatars): boolean {
  try {
    const target = parseOutboundUrl(url);
    if (target.protocol === "https:" || isAllowlisted(plainHttp, target)) return true;
    const loopback =
      target.hostname === "localhost" ||
      target.hostname.endsWith(".localhost") ||
      (target.isIpLiteral && isLoopbackAddress(target.hostname));
    return plainHttp.allowLoopback && loopback;
  } catch {
    return false;
  }
}

/**
 * Bot avatars the platform stores and serves itself: uploaded, or fetched once from the URL an
 * author typed (through the outbound client), so a bot's page never makes browsers load an
 * address its author chose.
 */
export function createBotAvatars(deps: {
  store: Store;
  outbound: OutboundClient;
  /** Where an avatar may come from over plain http; nowhere when left out. */
  plainHttp?: PlainHttpAvatars;
  clock?: () => number;
}) {
  const { store } = deps;
  const clock = deps.clock ?? Date.now;
  return {
    /** Checks uploaded bytes: 400 `file: …` unless they are an avatar type, 413 past 2 MB. */
    fromUpload(bytes: Uint8Array): CheckedImage {
      if (bytes.byteLength > MAX_AVATAR_BYTES) throw avatarTooLarge();
      const image = acceptImage(bytes, AVATAR_TYPES);
      if ("problem" in image) throw refusedField("file", image.problem);
      return image;
    },

    /** Fetches `url` once, under the same rules; 400 `avatar_url: …` saying why not. */
    async fromUrl(url: string): Promise<CheckedImage> {
      // Over plain http anyone on the path could swap the image every user of the bot sees.
      const plainHttp = deps.plainHttp ?? { allowedHosts: [], allowLoopback: false };
      if (!isHttpsOrAllowlisted(url, plainHttp))
        throw refusedField(
          "avatar_url",
          "avatar_url must be an https URL (plain http only from a host in PARLOR_ALLOWED_BOT_HOSTS), or upload the image",
        );
      try {
        return await fetchImage(deps.outbound, url, {
          accepted: AVATAR_TYPES,
          maxBytes: MAX_AVATAR_BYTES,
          totalTimeoutMs: AVATAR_FETCH_TIMEOUT_MS,
        });
      } catch (error) {
        if (error instanceof ImageFetchError) throw refusedField("avatar_url", error.message);
        throw error;
      }
    },

    /** Stores the bot's avatar and gives it a new version; returns the bot as it is now. */
    async save(bot: BotRow, image: CheckedImage): Promise<BotRow> {
      const now = clock();
      await store.botAvatars.put({
        bot_id: bot.id,
        content_type: image.contentType,
        bytes: Buffer.from(image.bytes),
        updated_at: now,
      });
      const version = Math.max(now, (bot.avatar_version ?? 0) + 1);
      await store.bots.update(bot.id, { avatar_version: version, updated_at: now });
      return (await store.bots.findById(bot.id))!;
    },

    /** Removes the bot's avatar; returns the bot as it is now. */
    async remove(bot: BotRow): Promise<BotRow> {
      await store.bots.update(bot.id, { avatar_version: null, updated_at: clock() });
      await store.botAvatars.delete(bot.id);
      return (await store.bots.findById(bot.id))!;
    },

    /** The stored avatar of a bot that shows one. */
    async find(bot: BotRow): Promise<BotAvatarRow | undefined> {
      if (bot.avatar_version === null) return undefined;
      return store.botAvatars.find(bot.id);
    },
  };
}

/** The bot avatars service. */
export type BotAvatars = ReturnType<typeof createBotAvatars>;
