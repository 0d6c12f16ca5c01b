import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { Store } from "./store.js";
import type { ApiKeyRow } from "./api-keys-store.js";
import { userRow } from "../testing/store-rows.js";

describe.each(TEST_DIALECTS)("API keys store on %s", (dialect) => {
  const freshStore = freshStores(dialect);

  async function storeWithTwoUsers(): Promise<Store> {
    const store = await freshStore();
    for (const [id, email] of [
      ["u1", "ann@example.com"],
      ["u2", "bob@example.com"],
    ] as const) {
      await store.users.insert(userRow({ id, email, role: "user" }));
    }
    return store;
  }

  const key = (id: string, userId: string, createdAt: number): ApiKeyRow => ({
    id,
    user_id: userId,
    name: `key ${id}`,
    prefix: `pk_${id}`,
    key_hash: `hash-of-${id}`,
    created_at: createdAt,
    last_used_at: null,
    revoked_at: null,
  });

  it("finds an active key with its user, and no longer once its owner revokes it", async () => {
    const store = await storeWithTwoUsers();
    await store.apiKeys.insert(key("k1", "u1", 10));
    expect(await store.apiKeys.findActiveWithUser("hash-of-k1")).toEqual({
      id: "k1",
      last_used_at: null,
      user: { id: "u1", email: "ann@example.com", role: "user" },
    });
    expect(await store.apiKeys.findActiveWithUser("hash-of-nothing")).toBeUndefined();

    // Another user cannot revoke it; its owner can, once.
    expect(await store.apiKeys.revoke("k1", "u2", 20)).toBe(false);
    expect(await store.apiKeys.findActiveWithUser("hash-of-k1")).toBeDefined();
    expect(await store.apiKeys.revoke("k1", "u1", 20)).toBe(true);
    expect(await store.apiKeys.revoke("k1", "u1", 30)).toBe(false);
    expect(await store.apiKeys.findActiveWithUser("hash-of-k1")).toBeUndefined();
    expect((await store.apiKeys.listForUser("u1"))[0]?.revoked_at).toBe(20);
  });

  it("lists a user's own keys, newest first, and records their last use", async () => {
    const store = await storeWithTwoUsers();
    await store.apiKeys.insert(key("k1", "u1", 10));
    await store.apiKeys.insert(key("k2", "u1", 20));
    await store.apiKeys.insert(key("k3", "u2", 30));
    const now = Date.now();
    await store.apiKeys.touch("k1", now);
    const listed = await store.apiKeys.listForUser("u1");
    expect(listed.map((row) => row.id)).toEqual(["k2", "k1"]);
    expect(listed[1]?.last_used_at).toBe(now);
    expect((await store.apiKeys.findActiveWithUser("hash-of-k1"))?.last_used_at).toBe(now);
  });
});
