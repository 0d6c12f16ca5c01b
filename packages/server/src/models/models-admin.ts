import { z } from "zod";
import type { SecretBox } from "../auth/secret-box.js";
import { randomId } from "../auth/tokens.js";
import { providerNameSchema } from "../config/models-config.js";
import { ConflictError, InvalidRequestError, NotFoundError } from "../errors.js";
import { TEXT_LIMITS } from "../input/text-limits.js";
import { parseInput } from "../parse-input.js";
import type { BotRow } from "../store/bots-store.js";
import type { Store } from "../store/store.js";
import type { Discovery } from "./discover-models.js";
import type { ModelsService } from "./models-service.js";
import type { ProviderEntry } from "./provider-entries.js";

const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(TEXT_LIMITS.url);
const apiKeySchema = z.string().trim().min(1, "must not be empty").max(4096);

/** What an admin sends to add an OpenAI-compatible server. */
const newServerSchema = z.strictObject({
  name: providerNameSchema,
  base_url: baseUrlSchema,
  api_key: apiKeySchema.nullable().optional(),
});

/** What an admin may change of a provider; `api_key: null` clears the saved key. */
const providerChangesSchema = z.strictObject({
  base_url: baseUrlSchema.nullable().optional(),
  api_key: apiKeySchema.nullable().optional(),
  enabled: z.boolean().optional(),
});

/** A provider as the admin API shows it: whether a key is set, never the key. */
export function adminProvider(
  entry: ProviderEntry,
  discovery: Discovery | undefined,
  bots: BotRow[],
  isListed: (bot: BotRow) => boolean,
) {
  const status = !entry.enabled
    ? "disabled"
    : !entry.provider
      ? "not_configured"
      : (discovery?.status ?? "checking");
  const own = bots.filter((bot) => bot.model_provider === entry.id);
  return {
    id: entry.id,
    kind: entry.kind,
    name: entry.name,
    source: entry.source,
    base_url: entry.baseUrl ?? null,
    api_key: entry.keySource ? ("set" as const) : ("not set" as const),
    key_source: entry.keySource,
    enabled: entry.enabled,
    status,
    status_message: status === "disabled" ? null : (discovery?.message ?? null),
    checked_at: discovery?.checkedAt ?? null,
    models_count: own.filter(isListed).length,
    embedding_models: discovery?.embedding ?? [],
    /** The environment's servers are changed in the environment. */
    editable: entry.source !== "environment",
    removable: entry.source === "admin",
    bots: own.map((bot) => ({
      handle: bot.handle,
      display_name: bot.display_name,
      model_id: bot.model_id,
      hidden: bot.hidden_at !== null,
      listed: isListed(bot),
    })),
  };
}

/** Adding, changing and removing providers; each change rereads the providers' models. */
export function createModelsAdmin(deps: {
  store: Store;
  secretBox: SecretBox;
  models: ModelsService;
  clock: () => number;
}) {
  const { store, models, clock } = deps;

  const entryOf = (id: string) => {
    const found = models.providers().find(({ entry }) => entry.id === id);
    if (!found || (found.entry.source === "autodiscovered" && found.discovery?.status !== "ok"))
      throw new NotFoundError(`Provider "${id}"`);
    return found.entry;
  };

  const admin = {
    async list() {
      const bots = await store.bots.listModelBots();
      return models
        .providers()
        .filter(
          ({ entry, discovery }) => entry.source !== "autodiscovered" || discovery?.status === "ok",
        )
        .map(({ entry, discovery }) =>
          adminProvider(entry, discovery, bots, (bot) => models.isListed(bot)),
        );
    },

    async view(id: string) {
      await Promise.resolve();
      const listed = await admin.list();
      const found = listed.find((provider) => provider.id === id);
      if (!found) throw new NotFoundError(`Provider "${id}"`);
      return found;
    },

    /** Adds an OpenAI-compatible server and reads its models. */
    async addServer(input: unknown) {
      const values = parseInput(newServerSchema, input);
      const taken = models
        .providers()
        .some(({ entry }) => entry.id.toLowerCase() === values.name.toLowerCase());
      const rows = await store.modelProviders.list();
      if (taken || rows.some((row) => row.name.toLowerCase() === values.name.toLowerCase()))
        throw new ConflictError(`A provider named "${values.name}" exists already`);
      const now = clock();
      await store.modelProviders.insert({
        id: randomId("prv"),
        kind: "openai_compatible",
        name: values.name,
        base_url: values.base_url,
        api_key_encrypted: values.api_key ? deps.secretBox.seal(values.api_key) : null,
        enabled: 1,
        created_at: now,
        updated_at: now,
      });
      await models.refresh();
      return admin.view(values.name);
    },

    /**
     * Changes a provider: a vendor's key or base URL (the environment's still win), a server's
     * URL or key, or switches either off. The row is made on a provider's first change.
     */
    async update(id: string, input: unknown) {
      const changes = parseInput(providerChangesSchema, input);
      const entry = entryOf(id);
      if (entry.source === "environment")
        throw new InvalidRequestError(
          `${entry.name} is configured by PARLOR_OPENAI_COMPATIBLE_SERVERS; change it there`,
        );
      if (entry.kind === "openai_compatible" && changes.base_url === null)
        throw new InvalidRequestError("A compatible server needs its base_url");
      const now = clock();
      const sealed =
        changes.api_key === undefined
          ? {}
          : { api_key_encrypted: changes.api_key ? deps.secretBox.seal(changes.api_key) : null };
      const set = {
        ...(changes.base_url !== undefined && { base_url: changes.base_url }),
        ...sealed,
        ...(changes.enabled !== undefined && { enabled: changes.enabled ? 1 : 0 }),
        updated_at: now,
      };
      if (entry.rowId) await store.modelProviders.update(entry.rowId, set);
      else {
        await store.modelProviders.insert({
          id: entry.kind === "openai_compatible" ? randomId("prv") : entry.id,
          kind: entry.kind,
          name: entry.kind === "openai_compatible" ? entry.name : entry.id,
          base_url: entry.kind === "openai_compatible" ? (entry.baseUrl ?? null) : null,
          api_key_encrypted: null,
          enabled: 1,
          created_at: now,
          ...set,
        });
      }
      await models.refresh();
      return admin.view(id);
    },

    /** Removes a server an admin added (its bots stay, unlisted), or a vendor's saved settings. */
    async remove(id: string): Promise<void> {
      const entry = entryOf(id);
      if (!entry.rowId)
        throw new InvalidRequestError(`${entry.name} has no settings saved by an admin to remove`);
      await store.modelProviders.delete(entry.rowId);
      await models.refresh();
    },
  };
  return admin;
}

/** Provider administration. */
export type ModelsAdmin = ReturnType<typeof createModelsAdmin>;
