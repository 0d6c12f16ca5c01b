import { settingsResponseSchema } from "@parlor/protocol";
import type { Context } from "hono";
import { UnauthenticatedError } from "../errors.js";
import type { AppEnv } from "../http/app-env.js";
import { readJson } from "../http/read-json.js";
import { parseInput } from "../parse-input.js";
import type { Platform } from "../platform.js";
import type { BotRow } from "../store/bots-store.js";
import { botCallErrors } from "./bot-call-errors.js";
import { isAccessKeyOf } from "./is-access-key-of.js";

/** The server bot named in the path, if the key in the path is its access key. */
async function botWithKey(platform: Platform, name: string, key: string): Promise<BotRow> {
  const bot = await platform.store.bots.findByHandle(name);
  if (!bot) throw botCallErrors.unknownBot(name.toLowerCase());
  if (!isAccessKeyOf(platform.registry, bot, key)) {
    throw new UnauthenticatedError(`Invalid access key for bot '${bot.handle}'`);
  }
  return bot;
}

function answer(context: Context<AppEnv>, bot: BotRow) {
  return context.json({
    status: "success",
    bot: bot.handle,
    settings: context.var.platform.registry.settingsOf(bot),
    settings_fetched_at: bot.settings_fetched_at,
  });
}

/** `POST /bot/fetch_settings/<name>/<access_key>[/<version>]`: fetch the settings from the bot. */
export async function handleFetchSettings(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  const { name = "", key = "" } = context.req.param();
  const bot = await botWithKey(platform, name, key);
  return answer(context, await platform.bots.syncSettings(bot));
}

/** `POST /bot/update_settings/<name>/<access_key>[/<version>]`: store the settings in the body. */
export async function handleUpdateSettings(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  const { name = "", key = "" } = context.req.param();
  const bot = await botWithKey(platform, name, key);
  const settings = parseInput(settingsResponseSchema, await readJson(context));
  await platform.store.bots.update(bot.id, {
    settings_json: JSON.stringify(settings),
    settings_fetched_at: platform.clock(),
  });
  return answer(context, (await platform.store.bots.findById(bot.id))!);
}
