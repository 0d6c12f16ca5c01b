import { describe, expect, it } from "vitest";
import { costItemSchema } from "./cost-item.js";

describe("costItemSchema", () => {
  it("keeps a whole amount, with no description", () => {
    const item = costItemSchema.parse({ amount_usd_milli_cents: 25 });
    expect(item.amount_usd_milli_cents).toBe(25);
    expect(item.description).toBeUndefined();
  });

  it("rounds fractional amounts up", () => {
    expect(costItemSchema.parse({ amount_usd_milli_cents: 1.5 }).amount_usd_milli_cents).toBe(2);
    expect(costItemSchema.parse({ amount_usd_milli_cents: 0.001 }).amount_usd_milli_cents).toBe(1);
  });

  it("rejects amounts given as strings", () => {
    expect(costItemSchema.safeParse({ amount_usd_milli_cents: "1" }).success).toBe(false);
  });

  it("rejects negative and non-finite amounts", () => {
    for (const amount of [-2.5, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(costItemSchema.safeParse({ amount_usd_milli_cents: amount }).success).toBe(false);
    }
  });

  it("accepts a description, or null as fastapi_poe sends for none", () => {
    const described = costItemSchema.parse({ amount_usd_milli_cents: 3, description: "tokens" });
    expect(described.description).toBe("tokens");
    expect(costItemSchema.safeParse({ amount_usd_milli_cents: 3, description: null }).success).toBe(
      true,
    );
  });
});
