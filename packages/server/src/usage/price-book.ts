import { z } from "zod";
import type { ReplyUsage } from "../relay/bot-runner.js";
import type { Store } from "../store/store.js";
import { createCachedSetting } from "./cached-setting.js";
import { packageCost, packagePrice } from "./package-prices.js";

/** An admin's price for one model of one provider, in US dollars per million tokens. */
export interface PriceOverride {
  provider: string;
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
}

const MAX_OVERRIDES = 1000;

/** The stored form (snake_case, as the admin API shows it). */
export const priceOverridesSchema = z
  .array(
    z.strictObject({
      provider: z.string().trim().min(1).max(100),
      model: z.string().trim().min(1).max(200),
      input_per_million: z.number().min(0).max(1_000_000),
      output_per_million: z.number().min(0).max(1_000_000),
    }),
  )
  .max(MAX_OVERRIDES);

type StoredOverrides = z.infer<typeof priceOverridesSchema>;

/** Providers and models match case-insensitively: `GPT-4o` is `gpt-4o`. */
const keyOf = (provider: string, model: string) =>
  `${provider.toLowerCase()}\u0000${model.toLowerCase()}`;

/**
 * Prices for replies' tokens: an admin's override for the provider and model when there is one
 * (self-hosted models, negotiated prices), else the price package's, else unknown (null, which
 * is not free: the admin page counts such replies apart).
 */
export function createPriceBook(deps: {
  store: Store;
  clock: () => number;
  onError?: (error: unknown) => void;
}) {
  const setting = createCachedSetting<StoredOverrides>({
    ...deps,
    key: "price_overrides",
    schema: priceOverridesSchema,
    fallback: [],
  });
  let indexed: { from: StoredOverrides; byKey: Map<string, StoredOverrides[number]> } | undefined;
  const overrideFor = (provider: string, model: string) => {
    const overrides = setting.cached();
    if (indexed?.from !== overrides)
      indexed = {
        from: overrides,
        byKey: new Map(overrides.map((entry) => [keyOf(entry.provider, entry.model), entry])),
      };
    return indexed.byKey.get(keyOf(provider, model));
  };
  return {
    /** Reads the overrides, so the first replies after a start see them. */
    async load(): Promise<void> {
      await setting.current();
    },
    /** What the reply's tokens cost in US dollars; null when the model has no known price. */
    costOf(usage: ReplyUsage): number | null {
      const override = overrideFor(usage.provider, usage.model);
      if (override)
        return (
          (usage.inputTokens * override.input_per_million +
            usage.outputTokens * override.output_per_million) /
          1_000_000
        );
      return packageCost(usage, new Date(deps.clock()));
    },
    /** The price package's own price, for the admin page. */
    packagePrice(provider: string, model: string) {
      return packagePrice(provider, model, new Date(deps.clock()));
    },
    async overrides(): Promise<PriceOverride[]> {
      return (await setting.current()).map((entry) => ({
        provider: entry.provider,
        model: entry.model,
        inputPerMillion: entry.input_per_million,
        outputPerMillion: entry.output_per_million,
      }));
    },
    /** Replaces every override; a provider and model listed twice keeps the last. */
    async setOverrides(overrides: StoredOverrides): Promise<void> {
      const unique = new Map(overrides.map((entry) => [keyOf(entry.provider, entry.model), entry]));
      await setting.set([...unique.values()]);
    },
  };
}

/** The platform's prices. */
export type PriceBook = ReturnType<typeof createPriceBook>;
