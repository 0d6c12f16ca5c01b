import { randomBytes } from "node:crypto";
import type { Actor, Platform } from "@parlor/server";
import { CliError } from "../cli-error.js";
import { firstAdmin } from "../find-actor.js";
import { withPlatform } from "../local-platform.js";

/** The email of the account `parlor bot dev` makes on a platform that has none yet. */
export const DEV_ACCOUNT_EMAIL = "dev@parlor.test";

/** The bot as registered, and the account made for it if there was none. */
export interface DevBotRegistration {
  accessKey: string;
  ownerEmail: string;
  created: boolean;
  /** Where the bot pointed before, when this moved it. */
  previousUrl?: string;
  newAccount?: { email: string; password: string };
}

// The dev platform must let its bots run on this machine, in this process as in the server.
const LOOPBACK = { PARLOR_ALLOW_LOOPBACK_BOTS: "true" };

/** The owner of dev bots: the platform's first admin, else a new admin account. */
async function devOwner(platform: Platform): Promise<{ owner: Actor; password?: string }> {
  try {
    return { owner: await firstAdmin(platform) };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
  }
  const password = randomBytes(12).toString("base64url");
  const user = await platform.accounts.signUp(DEV_ACCOUNT_EMAIL, password, { admin: true });
  return { owner: { userId: user.id, email: user.email, role: user.role }, password };
}

/**
 * Registers the bot at `serverUrl` on this machine's platform (as its first admin), or points
 * the bot already registered under the handle there, and returns its access key. Unlisted: it
 * does not crowd Explore, but anyone signed in can open its chat.
 */
export function registerDevBot(handle: string, serverUrl: string): Promise<DevBotRegistration> {
  return withPlatform(async (platform) => {
    const { owner, password } = await devOwner(platform);
    const newAccount = password ? { email: owner.email, password } : undefined;
    const existing = await platform.store.bots.findByHandle(handle);
    if (!existing) {
      const { accessKey } = await platform.bots.createServerBot(owner, {
        handle,
        server_url: serverUrl,
        visibility: "unlisted",
        description: "In development with parlor bot dev",
      });
      return { accessKey, ownerEmail: owner.email, created: true, newAccount };
    }
    if (existing.kind !== "server") {
      throw new CliError(
        `@${handle} is taken by a ${existing.kind} bot, not a server bot: choose another handle with --handle`,
      );
    }
    const moved = existing.server_url !== serverUrl;
    if (moved) await platform.bots.update(owner, handle, { server_url: serverUrl });
    return {
      accessKey: platform.registry.accessKeyOf(existing),
      ownerEmail: owner.email,
      created: false,
      ...(moved && existing.server_url ? { previousUrl: existing.server_url } : {}),
      newAccount,
    };
  }, LOOPBACK);
}

/** Fetches the bot's settings into the platform now; one line saying what they are. */
export function syncDevBot(handle: string): Promise<string> {
  return withPlatform(async (platform) => {
    const bot = await platform.store.bots.findByHandle(handle);
    if (!bot) throw new CliError(`No bot @${handle} any more on the platform`);
    const settings = platform.registry.settingsOf(await platform.bots.syncSettings(bot));
    const dependencies = Object.entries(settings.server_bot_dependencies)
      .map(([name, calls]) => `@${name} ×${calls}`)
      .join(", ");
    return `settings synced${dependencies ? `; calls ${dependencies}` : ""}`;
  }, LOOPBACK);
}
