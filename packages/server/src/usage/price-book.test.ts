import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { createPriceBook } from "./price-book.js";

const MILLION = { inputTokens: 1_000_000, outputTokens: 1_000_000 };

describe.each(TEST_DIALECTS)("prices on %s", (dialect) => {
  const store = freshStores(dialect);
  const clock = () => Date.parse("2026-12-06T12:00:00Z");

  it("prices the big vendors' models from the price package", async () => {
    const prices = createPriceBook({ store: await store(), clock });
    await prices.load();
    // gpt-4o: $2.50 in, $10 out per million; Claude Sonnet 4: $3 / $15; Gemini 2.5 Flash: $0.30 / $2.50.
    expect(prices.costOf({ ...MILLION, provider: "openai", model: "gpt-4o" })).toBeCloseTo(12.5);
    expect(
      prices.costOf({ ...MILLION, provider: "anthropic", model: "claude-sonnet-4-20250514" }),
    ).toBeCloseTo(18);
    expect(
      prices.costOf({ ...MILLION, provider: "gemini", model: "gemini-2.5-flash" }),
    ).toBeCloseTo(2.8);
    expect(
      prices.costOf({ inputTokens: 1000, outputTokens: 500, provider: "openai", model: "gpt-4o" }),
    ).toBeCloseTo(0.0025 + 0.005);
  });

  it("knows no price for a self-hosted or unknown model: null, not free", async () => {
    const prices = createPriceBook({ store: await store(), clock });
    await prices.load();
    expect(prices.costOf({ ...MILLION, provider: "ollama", model: "llama3.1:8b" })).toBeNull();
    expect(prices.costOf({ ...MILLION, provider: "openai", model: "no-such-model" })).toBeNull();
    // A server of another name serving an OpenAI model is not guessed to charge OpenAI's price.
    expect(prices.costOf({ ...MILLION, provider: "my-vllm", model: "gpt-4o" })).toBeNull();
  });

  it("takes the admin's override over the package, and keeps it across a restart", async () => {
    const shared = await store();
    const prices = createPriceBook({ store: shared, clock });
    await prices.setOverrides([
      { provider: "openai", model: "GPT-4o", input_per_million: 1, output_per_million: 2 },
      { provider: "ollama", model: "llama3.1:8b", input_per_million: 0.1, output_per_million: 0.2 },
    ]);
    expect(prices.costOf({ ...MILLION, provider: "openai", model: "gpt-4o" })).toBeCloseTo(3);
    const restarted = createPriceBook({ store: shared, clock });
    await restarted.load();
    expect(restarted.costOf({ ...MILLION, provider: "ollama", model: "llama3.1:8b" })).toBeCloseTo(
      0.3,
    );
    expect(restarted.packagePrice("openai", "gpt-4o")).toEqual({
      inputPerMillion: 2.5,
      outputPerMillion: 10,
    });
  });
});
