import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { GenerationEvent } from "../relay/generation-log.js";
import { createRedisGenerationLog } from "../relay/redis-generation-log.js";
import type { Store } from "../store/store.js";
import { freshStores } from "../testing/fresh-stores.js";
import { botRow, messageRow, userRow } from "../testing/store-rows.js";
import { ABANDONED_REPLY_ERROR, createAbandonedReplySweeper } from "./abandoned-replies.js";
import { holdInstanceLease, type InstanceLease } from "./instance-lease.js";
import { createRedisSubscriber } from "./redis-subscriber.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL is not set: the abandoned reply suite is skipped");

const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

describe.runIf(redisUrl)("closing the replies of instances that went away", () => {
  const freshStore = freshStores("sqlite");
  const redis = new Redis(redisUrl!);
  const prefix = `parlor-test:${randomUUID()}`;
  const cleanups: (() => Promise<void>)[] = [];

  /** One instance: its log, and a lease renewed every `renewMs` (never, to play a dead one). */
  async function instance(store: Store, renewMs = 100) {
    const instanceId = randomUUID();
    const commands = new Redis(redisUrl!);
    const subscriber = createRedisSubscriber(new Redis(redisUrl!));
    const log = await createRedisGenerationLog({ redis: commands, subscriber, prefix, instanceId });
    const lease: InstanceLease = await holdInstanceLease({
      redis: commands,
      prefix,
      instanceId,
      timing: { ttlMs: 400, renewMs },
    });
    const sweeper = createAbandonedReplySweeper({
      store,
      redis: commands,
      prefix,
      instanceId,
      log,
      lease,
      clock: Date.now,
      onError: (error) => {
        throw error;
      },
      onClosed: () => {},
    });
    cleanups.push(async () => {
      await log.close();
      await subscriber.close();
      await commands.quit();
    });
    return { log, sweeper };
  }

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis.quit();
  });

  async function storeWithReply(id: string, createdAt = Date.now()): Promise<Store> {
    const store = await freshStore();
    await store.users.insert(userRow());
    await store.bots.insert(botRow());
    await store.conversations.insert({
      id: "k1",
      user_id: "u1",
      bot_id: "b1",
      title: "Chat",
      context_id: "c1",
      created_at: createdAt,
      updated_at: createdAt,
    });
    await addReply(store, id, createdAt);
    return store;
  }

  async function addReply(store: Store, id: string, createdAt: number): Promise<void> {
    const row = messageRow(id, {
      role: "bot",
      conversation_id: "k1",
      context_id: "c1",
      content: "Half an ans",
      status: "streaming",
      created_at: createdAt,
      updated_at: createdAt,
    });
    await store.messages.insert(row);
  }

  it("leaves a live instance's reply alone, and closes it with retry once its lease lapses", async () => {
    const store = await storeWithReply("m1");
    // The writer never renews: alive for its first 400 ms, then as good as killed.
    const writer = await instance(store, 60_000);
    const survivors = [await instance(store, 100), await instance(store, 100)];
    writer.log.start("m1", () => {});
    writer.log.publish("m1", "text", { text: "Half an ans" });
    await sleep(50);
    const seen: GenerationEvent[] = [];
    await survivors[0]!.log.subscribe("m1", 0, (event) => seen.push(event));

    expect(await survivors[0]!.sweeper.sweep()).toBe(0);
    expect((await store.messages.findById("m1"))?.status).toBe("streaming");

    await sleep(450);
    const closed = await Promise.all(survivors.map(({ sweeper }) => sweeper.sweep()));
    expect(closed.sort()).toEqual([0, 1]);
    expect(await store.messages.findById("m1")).toMatchObject({
      status: "error",
      error_text: ABANDONED_REPLY_ERROR,
      error_allow_retry: 1,
      content: "Half an ans",
    });
    await sleep(50);
    expect(seen.map((event) => event.event)).toEqual(["text", "done"]);
    expect(seen[1]!.data).toMatchObject({ status: "error", allow_retry: true });
  });

  it("closes a reply no instance runs only once it is too old to be starting", async () => {
    const store = await storeWithReply("old", Date.now() - 60_000);
    await addReply(store, "new", Date.now());
    const survivor = await instance(store, 100);
    expect(await survivor.sweeper.sweep()).toBe(1);
    expect((await store.messages.findById("old"))?.status).toBe("error");
    expect((await store.messages.findById("new"))?.status).toBe("streaming");
  });

  it("leaves alone a reply that reached its final state while the sweep looked", async () => {
    const store = await storeWithReply("m5", Date.now() - 60_000);
    const [seenStreaming] = await store.messages.listStreaming();
    await store.messages.update("m5", { status: "complete", content: "Whole answer" });
    // The sweep read the list just before the reply's final write.
    const stale: Store = {
      ...store,
      messages: { ...store.messages, listStreaming: async () => [seenStreaming!] },
    };
    expect(await (await instance(stale)).sweeper.sweep()).toBe(0);
    expect(await store.messages.findById("m5")).toMatchObject({
      status: "complete",
      content: "Whole answer",
    });
  });
});
