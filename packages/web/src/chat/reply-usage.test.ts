import { describe, expect, it } from "vitest";
import { describeUsage } from "./reply-usage.js";

describe("describeUsage", () => {
  it("says a reply's tokens and cost, and when its price is not known", () => {
    expect(describeUsage({ input_tokens: 1000, output_tokens: 500, cost_usd: 0.0075 })).toBe(
      "1,000 tokens in, 500 out · $0.0075",
    );
    expect(describeUsage({ input_tokens: 12, output_tokens: 3, cost_usd: null })).toBe(
      "12 tokens in, 3 out · cost unknown",
    );
    expect(describeUsage({ input_tokens: 2_000_000, output_tokens: 0, cost_usd: 12.5 })).toBe(
      "2,000,000 tokens in, 0 out · $12.50",
    );
  });
});
