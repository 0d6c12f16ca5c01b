import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createLiveQueries, type LiveQueries, type NewLiveQuery } from "../relay/live-queries.js";
import { createRedisLiveQueries } from "../relay/redis-live-queries.js";
import { chargeBotCall } from "./call-budget.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL is not set: the Redis live query suite is skipped");
const redis = redisUrl ? new Redis(redisUrl) : undefined;
const prefixes: string[] = [];
const connections: Redis[] = [];
afterAll(async () => {
  for (const connection of connections) await connection.quit();
  for (const prefix of prefixes) {
    const keys = await redis!.keys(`${prefix}:*`);
    if (keys.length > 0) await redis!.del(...keys);
  }
  await redis?.quit();
});

/** Two registries over the same state: one process twice, or two instances sharing Redis. */
type Registries = (maxCalls: number) => [LiveQueries, LiveQueries];
const kinds: [string, Registries][] = [
  [
    "memory",
    (maxCalls) => {
      const registry = createLiveQueries(maxCalls);
      return [registry, registry];
    },
  ],
];
if (redis) {
  kinds.push([
    "redis, two instances",
    (maxCalls) => {
      const prefix = `parlor-test:${randomUUID()}`;
      prefixes.push(prefix);
      const other = redis.duplicate();
      connections.push(other);
      return [
        createRedisLiveQueries({ redis, prefix, maxCallsPerMessage: maxCalls }),
        createRedisLiveQueries({ redis: other, prefix, maxCallsPerMessage: maxCalls }),
      ];
    },
  ]);
}

function query(handle: string, dependencies: Record<string, number>, path: string[]): NewLiveQuery {
  return {
    botQueryId: `q-${handle}-${randomUUID()}`,
    botId: `bot-${handle}`,
    botHandle: handle,
    userId: "usr_1",
    messageId: "m-1",
    dependencies,
    path,
  };
}

describe.each(kinds)("chargeBotCall with %s live queries", (_kind, registries) => {
  it("counts calls per dependency and refuses past the declared number", async () => {
    const [here, there] = registries(100);
    const caller = await here.register(query("a", { b: 2 }, ["a"]));
    await chargeBotCall(here, caller, "b");
    await chargeBotCall(there, (await there.get(caller.botQueryId))!, "b");
    await expect(chargeBotCall(there, caller, "b")).rejects.toThrow(
      "Dependency budget spent: 'a' may call 'b' 2 times per message",
    );
  });

  it("shares the per-message total with every bot called along the way", async () => {
    const [here, there] = registries(3);
    const root = await here.register(query("a", { b: 5 }, ["a"]));
    const nested = await there.register(query("b", { c: 5 }, ["a", "b"]), root);
    await chargeBotCall(here, root, "b");
    await chargeBotCall(there, nested, "c");
    await chargeBotCall(here, nested, "c");
    await expect(chargeBotCall(there, nested, "c")).rejects.toThrow(
      "Call budget spent: one user message may cause at most 3 calls to other bots",
    );
    await expect(chargeBotCall(here, root, "b")).rejects.toThrow("Call budget spent");
  });

  it("takes the last calls once when they race", async () => {
    const [here, there] = registries(100);
    const caller = await here.register(query("a", { b: 5 }, ["a"]));
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        chargeBotCall(index % 2 ? here : there, caller, "b"),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
  });

  it("refuses undeclared targets and loops without counting them", async () => {
    const [here] = registries(100);
    const caller = await here.register(query("b", { a: 1, c: 1 }, ["a", "b"]));
    await expect(chargeBotCall(here, caller, "d")).rejects.toThrow(
      "Bot 'b' did not declare 'd' in server_bot_dependencies",
    );
    await expect(chargeBotCall(here, caller, "a")).rejects.toThrow("Call loop refused: a → b → a");
    await chargeBotCall(here, caller, "c");
  });

  it("forgets an answered query on every instance", async () => {
    const [here, there] = registries(100);
    const caller = await here.register(query("a", { b: 1 }, ["a"]));
    expect(await there.get(caller.botQueryId)).toEqual({ ...caller, callers: [] });
    here.unregister(caller.botQueryId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await there.get(caller.botQueryId)).toBeUndefined();
    await expect(chargeBotCall(there, caller, "b")).rejects.toThrow("has just been answered");
  });
});
