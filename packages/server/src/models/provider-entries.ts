import {
  createAnthropicProvider,
  createGeminiProvider,
  createOpenAiCompatibleProvider,
  createOpenAiProvider,
  type ModelProvider,
  type RetryPolicy,
} from "@parlor/providers";
import type { SecretBox } from "../auth/secret-box.js";
import { VENDOR_IDS, type ModelsConfig } from "../config/models-config.js";
import type { ModelProviderRow } from "../store/model-providers-store.js";
import type { ModelProvidersTable } from "../store/schema.js";

/** What kind of API a provider speaks. */
export type ProviderKind = ModelProvidersTable["kind"];

/** The three vendors, by provider id. */
export type VendorId = (typeof VENDOR_IDS)[number];

/** Vendor names for messages, by provider id. */
export const VENDOR_NAMES: Record<VendorId, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  gemini: "Google Gemini",
};

/** The name an autodiscovered local Ollama goes by. */
export const OLLAMA_NAME = "Ollama";

/** One provider the platform knows of, configured or not, from the environment and the database. */
export interface ProviderEntry {
  /** The `ModelProvider` id: a vendor's id or a compatible server's name. */
  id: string;
  kind: ProviderKind;
  /** For messages and the admin page. */
  name: string;
  /** Where its settings come from; `autodiscovered`: a local Ollama nobody configured. */
  source: "vendor" | "environment" | "admin" | "autodiscovered";
  /** Its `model_providers` row, when an admin saved one. */
  rowId: string | undefined;
  baseUrl: string | undefined;
  /** Who set the key: the environment wins over a saved one. Null: no key. */
  keySource: "environment" | "admin" | null;
  enabled: boolean;
  /** Undefined for a vendor without a key: not configured. */
  provider: ModelProvider | undefined;
}

/** Options every provider gets (tests shorten the retry waits). */
export interface ProviderOptions {
  retry?: Partial<RetryPolicy>;
}

function vendorProvider(
  id: VendorId,
  apiKey: string,
  baseUrl: string | undefined,
  options: ProviderOptions,
): ModelProvider {
  const common = { apiKey, ...(baseUrl && { baseUrl }), ...options };
  if (id === "openai") return createOpenAiProvider(common);
  if (id === "anthropic") return createAnthropicProvider(common);
  return createGeminiProvider(common);
}

function compatibleEntry(
  server: { name: string; baseUrl: string; apiKey: string | undefined },
  source: ProviderEntry["source"],
  rest: { rowId?: string; enabled?: boolean; keySource?: ProviderEntry["keySource"] },
  options: ProviderOptions,
): ProviderEntry {
  return {
    id: server.name,
    kind: "openai_compatible",
    name: server.name,
    source,
    rowId: rest.rowId,
    baseUrl: server.baseUrl,
    keySource: rest.keySource ?? (server.apiKey ? "environment" : null),
    enabled: rest.enabled ?? true,
    provider: createOpenAiCompatibleProvider({ ...server, ...options }),
  };
}

/**
 * Every provider: the three vendors (the environment's key and base URL over an admin's), the
 * environment's compatible servers, the admin's (a name the environment uses is the
 * environment's), and a local Ollama when `ollama` is looked for and nobody named one.
 */
export function providerEntries(input: {
  config: ModelsConfig;
  rows: ModelProviderRow[];
  secretBox: SecretBox;
  options?: ProviderOptions;
}): ProviderEntry[] {
  const { config, rows, secretBox } = input;
  const options = input.options ?? {};
  const open = (sealed: string | null) => (sealed ? secretBox.open(sealed) : undefined);
  const entries: ProviderEntry[] = VENDOR_IDS.map((id) => {
    const row = rows.find((candidate) => candidate.id === id);
    const env = config[id];
    const apiKey = env.apiKey ?? open(row?.api_key_encrypted ?? null);
    const baseUrl = env.baseUrl ?? row?.base_url ?? undefined;
    return {
      id,
      kind: id,
      name: VENDOR_NAMES[id],
      source: "vendor",
      rowId: row?.id,
      baseUrl,
      keySource: env.apiKey ? "environment" : row?.api_key_encrypted ? "admin" : null,
      enabled: row ? row.enabled === 1 : true,
      provider: apiKey ? vendorProvider(id, apiKey, baseUrl, options) : undefined,
    };
  });
  const taken = (name: string) =>
    entries.some((entry) => entry.id.toLowerCase() === name.toLowerCase());
  for (const server of config.compatibleServers) {
    if (!taken(server.name)) entries.push(compatibleEntry(server, "environment", {}, options));
  }
  for (const row of rows) {
    if (row.kind !== "openai_compatible" || taken(row.name) || !row.base_url) continue;
    const server = { name: row.name, baseUrl: row.base_url, apiKey: open(row.api_key_encrypted) };
    const keySource = row.api_key_encrypted ? "admin" : null;
    const rest = { rowId: row.id, enabled: row.enabled === 1, keySource } as const;
    entries.push(compatibleEntry(server, "admin", rest, options));
  }
  if (config.ollama && !taken(OLLAMA_NAME)) {
    const server = { name: OLLAMA_NAME, baseUrl: config.ollama.baseUrl, apiKey: undefined };
    entries.push(compatibleEntry(server, "autodiscovered", {}, options));
  }
  return entries;
}
