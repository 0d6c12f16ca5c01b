import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { migrateToLatest } from "./database.js";
import { createCheckpoints } from "../relay/checkpoints.js";
import type { Store } from "./store.js";
import { botRow, messageRow, userRow } from "../testing/store-rows.js";

describe.each(TEST_DIALECTS)("store on %s", (dialect) => {
  const freshStore = freshStores(dialect);

  async function seed(store: Store) {
    await store.users.insert(userRow());
    await store.bots.insert(botRow());
    await store.conversations.insert({
      id: "c1",
      user_id: "u1",
      bot_id: "b1",
      title: "t",
      context_id: "c-x",
      created_at: 1,
      updated_at: 1,
    });
  }

  const message = messageRow;

  it("migrates twice without harm and keeps large millisecond times as numbers", async () => {
    const store = await freshStore();
    await migrateToLatest(store.db);
    const now = Date.now();
    await store.users.insert(
      userRow({ id: "u9", email: "t@example.com", role: "user", created_at: now }),
    );
    expect((await store.users.findById("u9"))?.created_at).toBe(now);
  });

  it("stores messages as rows with parents, in order, and finds streaming ones", async () => {
    const store = await freshStore();
    await seed(store);
    await store.messages.insert(message("m1"));
    await store.messages.insert(
      message("m2", { role: "bot", parent_id: "m1", status: "streaming", created_at: 11 }),
    );
    await store.messages.insert(message("m3", { role: "bot", parent_id: "m1", created_at: 12 }));
    const rows = await store.messages.listForConversation("c1");
    expect(rows.map((row) => [row.id, row.parent_id])).toEqual([
      ["m1", null],
      ["m2", "m1"],
      ["m3", "m1"],
    ]);
    expect((await store.messages.listStreaming()).map((row) => row.id)).toEqual(["m2"]);
  });

  it("enforces unique emails and bot handles", async () => {
    const store = await freshStore();
    await seed(store);
    await expect(
      store.users.insert(userRow({ id: "u2", email: "a@example.com", role: "user" })),
    ).rejects.toThrow();
    expect((await store.users.findByEmail("a@example.com"))?.id).toBe("u1");
  });

  it("deletes a conversation's messages with it", async () => {
    const store = await freshStore();
    await seed(store);
    await store.messages.insert(message("m1"));
    await store.conversations.delete("c1");
    expect(await store.messages.findById("m1")).toBeUndefined();
  });

  it("checkpoints running replies together, skips unchanged ones, never overwrites a final state", async () => {
    const store = await freshStore();
    await seed(store);
    const streaming = { role: "bot" as const, status: "streaming" as const, content: "" };
    await store.messages.insertMany([message("r1", streaming), message("r2", streaming)]);
    const texts = { r1: "Hello", r2: "Hi" };
    const checkpoints = createCheckpoints(store, { intervalMs: 60_000, clock: () => 500 });
    const untrack1 = checkpoints.track("r1", () => texts.r1);
    const untrack2 = checkpoints.track("r2", () => texts.r2);
    await checkpoints.save();
    expect((await store.messages.findById("r1"))?.content).toBe("Hello");
    expect(await store.messages.findById("r2")).toMatchObject({ content: "Hi", updated_at: 500 });

    // r2 finished meanwhile: its final text stays, whatever a late checkpoint carries.
    await store.messages.update("r2", { status: "complete", content: "Hi there." });
    texts.r1 = "Hello world";
    texts.r2 = "Hi th";
    await checkpoints.save();
    expect((await store.messages.findById("r1"))?.content).toBe("Hello world");
    expect((await store.messages.findById("r2"))?.content).toBe("Hi there.");

    // A reply no longer followed is not written again.
    untrack1();
    texts.r1 = "Hello world, again";
    await checkpoints.save();
    expect((await store.messages.findById("r1"))?.content).toBe("Hello world");
    untrack2();
  });

  it("checkpoints hundreds of running replies, batch after batch", async () => {
    const store = await freshStore();
    await seed(store);
    const ids = Array.from({ length: 250 }, (_, i) => `r${i}`);
    await store.messages.insertMany(
      ids.map((id) => message(id, { role: "bot", status: "streaming", content: "" })),
    );
    const checkpoints = createCheckpoints(store, { intervalMs: 60_000 });
    const untrack = ids.map((id) => checkpoints.track(id, () => `text of ${id}`));
    await checkpoints.save();
    const saved = await store.messages.listForConversation("c1");
    expect(saved.filter((row) => row.content === `text of ${row.id}`)).toHaveLength(250);
    untrack.forEach((stop) => stop());
  });

  it("runs the compiled-once lookups with each call's own values", async () => {
    const store = await freshStore();
    await seed(store);
    await store.users.insert(userRow({ id: "u2", email: "b@example.com", role: "user" }));
    await store.sessions.insert({ id: "s1", user_id: "u1", created_at: 1, expires_at: 100 });
    await store.sessions.insert({ id: "s2", user_id: "u2", created_at: 1, expires_at: 200 });
    expect(await store.sessions.findLiveUser("s1", 50)).toMatchObject({ id: "u1" });
    expect(await store.sessions.findLiveUser("s2", 150)).toMatchObject({ id: "u2" });
    // Expired at that time, whatever was asked before.
    expect(await store.sessions.findLiveUser("s1", 150)).toBeUndefined();
    // Ended (logout): gone at once, though it was just looked up.
    await store.sessions.delete("s2");
    expect(await store.sessions.findLiveUser("s2", 150)).toBeUndefined();
    expect((await store.bots.findByHandle("ECHO"))?.id).toBe("b1");
    expect(await store.bots.findByHandle("nobody")).toBeUndefined();
    expect((await store.conversations.findById("c1"))?.bot_id).toBe("b1");
    expect(await store.conversations.findById("c2")).toBeUndefined();
  });
});
