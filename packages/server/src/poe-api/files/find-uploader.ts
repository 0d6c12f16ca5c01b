import { API_KEY_PREFIX } from "../../auth/accounts.js";
import type { Platform } from "../../platform.js";
import { botCallErrors } from "../bot-call-errors.js";
import { isAccessKeyOf } from "../is-access-key-of.js";

/**
 * Who uploads, from the raw `Authorization: <key>` fastapi_poe sends (a `Bearer ` prefix is
 * tolerated): a user API key, or a server bot's access key, whose owner then owns the file.
 * Access keys are stored encrypted, so a bot key is found by comparing it with each server bot's.
 */
export async function findUploader(
  platform: Pick<Platform, "accounts" | "registry" | "store">,
  header: string | undefined,
): Promise<{ ownerId: string }> {
  const key = header?.replace(/^Bearer\s+/i, "").trim();
  if (!key) {
    throw botCallErrors.invalidKey("send 'Authorization: <bot access key or user API key>'");
  }
  if (key.startsWith(API_KEY_PREFIX)) {
    const actor = await platform.accounts.actorForApiKey(key);
    if (actor) return { ownerId: actor.userId };
    throw botCallErrors.invalidKey();
  }
  for (const bot of await platform.store.bots.listServerBots()) {
    if (isAccessKeyOf(platform.registry, bot, key)) return { ownerId: bot.owner_id };
  }
  throw botCallErrors.invalidKey();
}
