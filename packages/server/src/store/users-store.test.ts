import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { userRow } from "../testing/store-rows.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { Store } from "./store.js";

describe.each(TEST_DIALECTS)("users store on %s", (dialect) => {
  const freshStore = freshStores(dialect);

  /** An admin `u1` and users `u2`…, one millisecond apart. */
  async function storeWithUsers(emails: string[]): Promise<Store> {
    const store = await freshStore();
    for (const [index, email] of emails.entries()) {
      const role = index === 0 ? "admin" : "user";
      await store.users.insert(userRow({ id: `u${index + 1}`, email, role, created_at: index }));
    }
    return store;
  }

  it("pages through people newest first, without the system account, each once", async () => {
    const store = await storeWithUsers(["a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"]);
    await store.users.insert(userRow({ id: "usr_system", email: "system@x.org", created_at: 9 }));
    // Same millisecond as u5: the id decides, so paging neither skips nor repeats it.
    await store.users.insert(userRow({ id: "u6", email: "f@x.org", role: "user", created_at: 4 }));
    const seen: string[] = [];
    let page = await store.users.listPeople({ limit: 2 });
    seen.push(...page.rows.map((row) => row.id));
    while (page.next) {
      page = await store.users.listPeople({ limit: 2, after: page.next });
      seen.push(...page.rows.map((row) => row.id));
    }
    expect(seen).toEqual(["u6", "u5", "u4", "u3", "u2", "u1"]);
  });

  it("searches emails for the text itself: % and _ match only themselves", async () => {
    const store = await storeWithUsers(["ann@example.com", "a_b@example.com", "100%@example.com"]);
    const emails = async (text: string) =>
      (await store.users.listPeople({ limit: 10, emailContains: text })).rows.map((r) => r.email);
    expect(await emails("_")).toEqual(["a_b@example.com"]);
    expect(await emails("%")).toEqual(["100%@example.com"]);
    expect(await emails("ANN")).toEqual(["ann@example.com"]);
    expect(await emails("nobody")).toEqual([]);
  });

  it("ends a disabled account's sessions and keys at once, even those just looked up", async () => {
    const store = await storeWithUsers(["admin@x.org", "bob@x.org"]);
    await store.sessions.insert({ id: "s2", user_id: "u2", created_at: 1, expires_at: 1e13 });
    await store.apiKeys.insert({
      id: "k2",
      user_id: "u2",
      name: "bob",
      prefix: "pk_bob",
      key_hash: "h2",
      created_at: 1,
      last_used_at: null,
      revoked_at: null,
    });
    expect(await store.sessions.findLiveUser("s2", 5)).toMatchObject({ id: "u2" });
    expect(await store.apiKeys.findActiveWithUser("h2")).toMatchObject({ id: "k2" });

    const result = await store.users.updateAccount("u2", { disabled: true }, 100);
    expect(result).toMatchObject({ updated: { id: "u2", disabled_at: 100 } });
    expect(await store.sessions.findLiveUser("s2", 5)).toBeUndefined();
    expect(await store.apiKeys.findActiveWithUser("h2")).toBeUndefined();

    // Enabled again: the keys work again, the ended sessions stay ended.
    await store.users.updateAccount("u2", { disabled: false }, 200);
    expect(await store.apiKeys.findActiveWithUser("h2")).toMatchObject({ id: "k2" });
    expect(await store.sessions.findLiveUser("s2", 5)).toBeUndefined();
  });

  it("shows a new role to the next request of a session just looked up", async () => {
    const store = await storeWithUsers(["admin@x.org", "bob@x.org"]);
    await store.sessions.insert({ id: "s2", user_id: "u2", created_at: 1, expires_at: 1e13 });
    expect(await store.sessions.findLiveUser("s2", 5)).toMatchObject({ role: "user" });
    await store.users.updateAccount("u2", { role: "admin" }, 100);
    expect(await store.sessions.findLiveUser("s2", 5)).toMatchObject({ role: "admin" });
  });

  it("keeps the last enabled admin an admin, and keeps a disabled account's first disabling time", async () => {
    const store = await storeWithUsers(["admin@x.org", "bob@x.org"]);
    expect(await store.users.updateAccount("u1", { role: "user" }, 100)).toEqual({
      refused: "last_admin",
    });
    expect(await store.users.updateAccount("u1", { disabled: true }, 100)).toEqual({
      refused: "last_admin",
    });
    await store.users.updateAccount("u2", { role: "admin" }, 100);
    await store.users.updateAccount("u2", { disabled: true }, 100);
    // Bob is an admin but cannot sign in: Ann is still the last one who can.
    expect(await store.users.updateAccount("u1", { role: "user" }, 200)).toEqual({
      refused: "last_admin",
    });
    await store.users.updateAccount("u2", { disabled: true }, 300);
    expect((await store.users.findById("u2"))?.disabled_at).toBe(100);
    expect(await store.users.updateAccount("nobody", { role: "user" }, 1)).toEqual({
      refused: "not_found",
    });
    expect(await store.users.updateAccount("usr_system", { role: "admin" }, 1)).toEqual({
      refused: "not_found",
    });
  });
});
