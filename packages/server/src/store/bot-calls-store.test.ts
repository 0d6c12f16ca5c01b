import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../testing/test-databases.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";
import type { BotCallRow } from "./bot-calls-store.js";
import { createStore, type Store } from "./store.js";
import { botRow, userRow } from "../testing/store-rows.js";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 31, 12);

describe.each(TEST_DIALECTS)("bot call log retention on %s", (dialect) => {
  let database: TestDatabase | undefined;
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await database?.dispose();
    platform = database = undefined;
  });

  /** A database with one bot and a call of it made `age` milliseconds before NOW, per id. */
  async function databaseWithCalls(ages: Record<string, number>): Promise<Store> {
    database = await createTestDatabase(dialect);
    const store = createStore(database.handle.db);
    await store.users.insert(userRow({ email: "owner@example.com" }));
    await store.bots.insert(botRow({ handle: "logged", display_name: "Logged" }));
    await store.botCalls.insertMany(Object.entries(ages).map(([id, age]) => call(id, NOW - age)));
    await store.botCallDetails.insertMany(Object.keys(ages).map(details));
    return store;
  }

  const call = (id: string, startedAt: number): BotCallRow => ({
    id,
    bot_id: "b1",
    message_id: null,
    user_id: "u1",
    request_type: "query",
    started_at: startedAt,
    status: "ok",
    http_status: 200,
    first_event_ms: 12,
    duration_ms: 340,
    event_count: 3,
    error: null,
    malformed_count: 0,
    timed_out: 0,
  });

  const details = (id: string) => ({
    call_id: id,
    request_json: `{"message_id":"${id}"}`,
    request_truncated: 0 as const,
    events_json: "[]",
    events_truncated: 0 as const,
  });

  /** The calls whose details are still stored. */
  async function withDetails(store: Store): Promise<string[]> {
    const found = await Promise.all(Object.keys(ages).map((id) => store.botCallDetails.find(id)));
    return found.flatMap((row) => (row ? [row.call_id] : []));
  }

  const ages = {
    "a month old": 30 * DAY,
    "just over a week old": 7 * DAY + 1,
    "exactly a week old": 7 * DAY,
    "six days old": 6 * DAY,
    "a minute old": 60_000,
  };
  const kept = ["a minute old", "six days old", "exactly a week old"];

  async function remaining(store: Store): Promise<string[]> {
    return (await store.botCalls.listForBot("b1")).map((row) => row.id);
  }

  it("deletes the calls started before the cutoff and keeps the rest", async () => {
    const store = await databaseWithCalls(ages);
    expect(await store.botCalls.deleteOlderThan(NOW - 7 * DAY)).toBe(2);
    expect(await remaining(store)).toEqual(kept);
    expect((await withDetails(store)).sort()).toEqual([...kept].sort());
    expect(await store.botCalls.deleteOlderThan(NOW - 7 * DAY)).toBe(0);
  });

  it("deletes every call and its details with their bot", async () => {
    const store = await databaseWithCalls(ages);
    await store.bots.delete("b1");
    expect(await remaining(store)).toEqual([]);
    expect(await withDetails(store)).toEqual([]);
  });

  it("prunes calls older than PARLOR_CALL_LOG_DAYS when the platform starts", async () => {
    await databaseWithCalls(ages);
    platform = await startTestPlatform(dialect, {
      database: database!,
      env: { PARLOR_CALL_LOG_DAYS: "7" },
      overrides: { clock: () => NOW },
    });
    expect(await remaining(platform.platform.store)).toEqual(kept);
  });
});
