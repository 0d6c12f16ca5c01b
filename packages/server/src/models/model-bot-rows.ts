import type { SettingsResponse } from "@parlor/protocol";
import { randomId } from "../auth/tokens.js";
import type { BotAvatars } from "../bots/bot-avatars.js";
import type { BotRow } from "../store/bots-store.js";
import type { Store } from "../store/store.js";
import { SYSTEM_USER_ID } from "../store/users-store.js";
import type { OfferedModel } from "./discover-models.js";
import { vendorAvatarPng } from "./vendor-avatar.js";

/** What a model bot tells clients it takes: files when the model reads images. */
export function modelBotSettings(model: Pick<OfferedModel, "acceptsImages">): SettingsResponse {
  return {
    allow_attachments: model.acceptsImages,
    expand_text_attachments: true,
    enable_image_comprehension: false,
  };
}

/** `OpenRouter` → `openrouter`, for handles. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The model bot's handle: its name, or when a user's bot (or another provider's model) has
 * that, the name with the provider after it, then numbered. Handles are stored lowercase.
 */
async function freeHandle(store: Store, name: string, providerId: string): Promise<string> {
  const base = name.toLowerCase();
  const candidates = [base, `${base}-${slug(providerId)}`];
  for (let n = 2; n < 100; n++) candidates.push(`${base}-${slug(providerId)}-${n}`);
  for (const candidate of candidates) {
    if (!(await store.bots.findByHandle(candidate))) return candidate;
  }
  return `${base}-${randomId("m").slice(2, 10).toLowerCase()}`;
}

/**
 * Makes sure each offered model of a provider is a bot (kind `model`, public, the system's):
 * new ones get a handle and the vendor's avatar; known ones keep their handle and name (an
 * admin may have changed them) and get the current settings.
 */
export async function syncModelBots(
  deps: { store: Store; avatars: BotAvatars; clock: () => number },
  providerId: string,
  offered: OfferedModel[],
): Promise<void> {
  const { store } = deps;
  const existing = (await store.bots.listModelBots()).filter(
    (bot) => bot.model_provider === providerId,
  );
  for (const model of offered) {
    const settingsJson = JSON.stringify(modelBotSettings(model));
    const known = existing.find((bot) => bot.model_id === model.id);
    if (known) {
      if (known.settings_json !== settingsJson)
        await store.bots.update(known.id, {
          settings_json: settingsJson,
          updated_at: deps.clock(),
        });
      continue;
    }
    const now = deps.clock();
    const row: BotRow = {
      id: randomId("bot"),
      handle: await freeHandle(store, model.name, providerId),
      display_name: model.name,
      description: model.description,
      avatar_url: null,
      greeting: null,
      owner_id: SYSTEM_USER_ID,
      visibility: "public",
      kind: "model",
      server_url: null,
      access_key_encrypted: null,
      builtin: null,
      settings_json: settingsJson,
      settings_fetched_at: now,
      memory_last_n: null,
      hidden_at: null,
      avatar_version: null,
      created_at: now,
      updated_at: now,
      model_provider: providerId,
      model_id: model.id,
      prompt_base_bot_id: null,
      prompt_text: null,
      prompt_temperature: null,
      prompt_suggest_replies: null,
    };
    await store.bots.insert(row);
    await deps.avatars.save(row, { bytes: vendorAvatarPng(providerId), contentType: "image/png" });
  }
}
