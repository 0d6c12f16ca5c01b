import { calcPrice, findProvider } from "@pydantic/genai-prices";
import type { ReplyUsage } from "../relay/bot-runner.js";

/**
 * Our provider ids that the price package names otherwise. A compatible server whose name is a
 * provider the package knows (`groq`, `openrouter`…) is priced as that provider; any other
 * (`ollama`, a self-hosted vLLM) has no package price: unknown, never guessed from the model.
 */
const PACKAGE_PROVIDER: Record<string, string> = { gemini: "google" };

function packageProviderOf(provider: string): string | undefined {
  const id = PACKAGE_PROVIDER[provider] ?? provider;
  return findProvider({ providerId: id })?.id;
}

/**
 * What `usage` costs in US dollars at the prices `@pydantic/genai-prices` bundles (tiers and
 * dated price changes included, as of `at`); null when it knows no price for the model.
 */
export function packageCost(usage: ReplyUsage, at: Date): number | null {
  const providerId = packageProviderOf(usage.provider);
  if (!providerId) return null;
  const price = calcPrice(
    { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
    usage.model,
    { providerId, timestamp: at },
  );
  return price ? price.total_price : null;
}

/** The package's base price per million input and output tokens, for the admin to compare. */
export function packagePrice(
  provider: string,
  model: string,
  at: Date,
): { inputPerMillion: number; outputPerMillion: number } | null {
  const providerId = packageProviderOf(provider);
  if (!providerId) return null;
  const price = calcPrice({ input_tokens: 0, output_tokens: 0 }, model, {
    providerId,
    timestamp: at,
  });
  const input = price?.model_price.input_mtok;
  const output = price?.model_price.output_mtok;
  return typeof input === "number" && typeof output === "number"
    ? { inputPerMillion: input, outputPerMillion: output }
    : null;
}
