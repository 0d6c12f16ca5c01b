import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { botRow, userRow } from "../testing/store-rows.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { ConversationRow } from "./conversations-store.js";

describe.each(TEST_DIALECTS)("conversations store on %s", (dialect) => {
  const freshStore = freshStores(dialect);

  const conversation = (id: string, title: string, updatedAt: number): ConversationRow => ({
    id,
    user_id: "u1",
    bot_id: "b1",
    title,
    context_id: "c-x",
    created_at: 1,
    updated_at: updatedAt,
  });

  async function storeWith(conversations: ConversationRow[]) {
    const store = await freshStore();
    await store.users.insert(userRow());
    await store.users.insert(userRow({ id: "u2", email: "b@example.com" }));
    await store.bots.insert(botRow({ avatar_version: 3 }));
    for (const row of conversations) await store.conversations.insert(row);
    await store.conversations.insert({ ...conversation("other", "Not yours", 99), user_id: "u2" });
    return store;
  }

  it("pages through a user's conversations by last update, ties by id, each once, with the bot", async () => {
    const store = await storeWith([
      conversation("k1", "One", 10),
      conversation("k2", "Two", 30),
      conversation("k3", "Three", 20),
      conversation("k4", "Four", 20),
    ]);
    const first = await store.conversations.listForUser("u1", { limit: 2 });
    expect(first.rows.map((row) => row.id)).toEqual(["k2", "k4"]);
    expect(first.rows[0]).toMatchObject({
      title: "Two",
      bot_handle: "echo",
      bot_display_name: "Echo",
      bot_avatar_version: 3,
    });
    const second = await store.conversations.listForUser("u1", { limit: 2, after: first.next });
    expect(second.rows.map((row) => row.id)).toEqual(["k3", "k1"]);
    expect(second.next).toBeUndefined();
  });

  it("finds titles containing the text in any case, % and _ taken literally", async () => {
    const store = await storeWith([
      conversation("k1", "Trip to Paris", 10),
      conversation("k2", "50% off", 20),
      conversation("k3", "snake_case names", 30),
      conversation("k4", "Parisian café", 40),
    ]);
    const titles = async (text: string) =>
      (await store.conversations.listForUser("u1", { limit: 10, titleContains: text })).rows.map(
        (row) => row.title,
      );
    expect(await titles("paris")).toEqual(["Parisian café", "Trip to Paris"]);
    expect(await titles("%")).toEqual(["50% off"]);
    expect(await titles("e_c")).toEqual(["snake_case names"]);
    expect(await titles("café")).toEqual(["Parisian café"]);
    expect(await titles("yours")).toEqual([]);
  });
});
