import { ProviderError, type ModelInfo } from "@parlor/providers";
import { CURATED_MODELS } from "./curated-models.js";
import {
  guessAcceptsImages,
  isChatModel,
  isDatedSnapshot,
  isEmbeddingModel,
  modelBotName,
} from "./model-names.js";
import type { ProviderEntry } from "./provider-entries.js";

/** A chat model a provider offers, as a bot will show it. */
export interface OfferedModel {
  id: string;
  name: string;
  description: string;
  acceptsImages: boolean;
}

/** How a provider answered the last time its models were read. */
export type ProviderStatus =
  "ok" | "key_wrong" | "unreachable" | "not_configured" | "disabled" | "checking";

/** What is known of a provider's models. */
export interface Discovery {
  status: ProviderStatus;
  /** What went wrong, for the admin page (never a key). */
  message: string | null;
  checkedAt: number | null;
  /** The chat models offered as bots; undefined when unknown (the stored bots stay offered). */
  chat: OfferedModel[] | undefined;
  /** Embedding model ids, for `/v1/embeddings`. */
  embedding: string[];
}

/** Embedding models the vendors serve, assumed until their list is read. */
const CURATED_EMBEDDINGS: Record<string, string[]> = {
  openai: ["text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002"],
  // Gemini's model list names only models that generate content.
  gemini: ["gemini-embedding-001", "text-embedding-004"],
};

/** OpenAI models that are not chat completions models although their names look like it. */
const OPENAI_NOT_CHAT = /(-instruct$|codex|-pro$|^gpt-3\.5-turbo-16k)/;

function curatedOffer(kind: ProviderEntry["kind"]): OfferedModel[] | undefined {
  return kind === "openai_compatible" ? undefined : CURATED_MODELS[kind];
}

/** The chat models to offer from a provider's list: curated ones first, then the rest named. */
export function offeredModels(entry: ProviderEntry, models: ModelInfo[]): OfferedModel[] {
  const ids = new Set(models.map((model) => model.id));
  const curated = (curatedOffer(entry.kind) ?? []).filter((model) => ids.has(model.id));
  const offered = [...curated];
  const names = new Set(curated.map((model) => model.name.toLowerCase()));
  for (const model of models) {
    if (!isChatModel(model.id) || curated.some((known) => known.id === model.id)) continue;
    if (entry.kind === "openai" && (isDatedSnapshot(model.id) || OPENAI_NOT_CHAT.test(model.id)))
      continue;
    const name = modelBotName(model.displayName ?? model.id);
    if (names.has(name.toLowerCase())) continue;
    names.add(name.toLowerCase());
    offered.push({
      id: model.id,
      name,
      description: `${model.displayName ?? model.id}, served by ${entry.name}.`,
      acceptsImages: guessAcceptsImages(entry.kind, model.id),
    });
  }
  return offered;
}

/**
 * Reads a provider's models (within `timeoutMs`) and says how it went: a refused key or an
 * unreachable vendor keep the curated models offered, so users see the bots and get the clear
 * error when they call one.
 */
export async function discoverModels(
  entry: ProviderEntry,
  options: { timeoutMs: number; now: number },
): Promise<Discovery> {
  const fallback = CURATED_EMBEDDINGS[entry.kind] ?? [];
  const state = (
    status: ProviderStatus,
    message: string | null,
    chat: OfferedModel[] | undefined,
  ) => ({
    status,
    message,
    checkedAt: options.now,
    chat,
    embedding: status === "ok" || entry.kind === "openai_compatible" ? [] : fallback,
  });
  if (!entry.enabled) return state("disabled", null, []);
  if (!entry.provider) return state("not_configured", "No API key is set.", []);
  try {
    const models = await entry.provider.listModels(AbortSignal.timeout(options.timeoutMs));
    const embedding = models.map((model) => model.id).filter(isEmbeddingModel);
    return {
      ...state("ok", null, offeredModels(entry, models)),
      embedding: [...new Set([...embedding, ...(entry.kind === "gemini" ? fallback : [])])],
    };
  } catch (error) {
    if (error instanceof ProviderError && error.code === "provider_auth")
      return state("key_wrong", error.message, curatedOffer(entry.kind));
    const message =
      error instanceof ProviderError && error.code === "cancelled"
        ? `${entry.name} did not answer within ${options.timeoutMs / 1000} s.`
        : error instanceof ProviderError
          ? `${error.message}${error.detail ? ` (${error.detail})` : ""}`
          : `${entry.name} could not be reached: ${(error as Error).message}`;
    return state("unreachable", message, curatedOffer(entry.kind));
  }
}
