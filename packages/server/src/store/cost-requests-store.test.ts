import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { CostRequestRow } from "./cost-requests-store.js";

describe.each(TEST_DIALECTS)("cost requests store on %s", (dialect) => {
  const freshStore = freshStores(dialect);

  const request = (id: string, overrides: Partial<CostRequestRow>): CostRequestRow => ({
    id,
    bot_query_id: "q1",
    message_id: "m1",
    bot_id: "b1",
    kind: "authorize",
    amounts_json: '[{"amount_usd_milli_cents":1000}]',
    created_at: 1,
    ...overrides,
  });

  it("lists a message's requests in the order they came, and a bot's newest first", async () => {
    const store = await freshStore();
    await store.costRequests.insert(request("r2", { kind: "capture", created_at: 20 }));
    await store.costRequests.insert(request("r1", { created_at: 10 }));
    await store.costRequests.insert(request("r3", { message_id: "m2", created_at: 30 }));
    await store.costRequests.insert(request("r4", { bot_id: "b2", created_at: 40 }));

    const forMessage = await store.costRequests.listForMessage("m1");
    expect(forMessage.map((row) => [row.id, row.kind])).toEqual([
      ["r1", "authorize"],
      ["r2", "capture"],
      ["r4", "authorize"],
    ]);
    expect(forMessage[0]?.amounts_json).toBe('[{"amount_usd_milli_cents":1000}]');
    expect((await store.costRequests.listForBot("b1")).map((row) => row.id)).toEqual([
      "r3",
      "r2",
      "r1",
    ]);
    expect((await store.costRequests.listForBot("b1", 1)).map((row) => row.id)).toEqual(["r3"]);
  });
});
