import { randomUUID } from "node:crypto";
import { encodeSseEvent } from "@parlor/protocol";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createRedisSubscriber } from "../cluster/redis-subscriber.js";
import type { GenerationEvent } from "./generation-log.js";
import { createRedisGenerationLog, type RedisGenerationLog } from "./redis-generation-log.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL is not set: the Redis generation log suite is skipped");

/** The SSE text a client is sent for these events. */
const sse = (events: GenerationEvent[]) =>
  events
    .map((event) => encodeSseEvent({ event: event.event, data: event.data }, event.id))
    .join("");

/** Resolves once `condition` holds (events arrive over pub/sub, a few milliseconds late). */
async function eventually(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe.runIf(redisUrl)("the Redis generation log, between two instances", () => {
  const redis = new Redis(redisUrl!);
  const prefix = `parlor-test:${randomUUID()}`;
  const opened: { log: RedisGenerationLog; close: () => Promise<void> }[] = [];
  /** Each instance's pub/sub connection, to cut it. */
  const subscriberConnections = new Map<RedisGenerationLog, Redis>();

  /** One instance's log: its own connections, the shared prefix. */
  async function instance(retentionMs?: number): Promise<RedisGenerationLog> {
    const commands = new Redis(redisUrl!);
    const subscriberConnection = new Redis(redisUrl!);
    const subscriber = createRedisSubscriber(subscriberConnection);
    const log = await createRedisGenerationLog({
      redis: commands,
      subscriber,
      prefix,
      instanceId: randomUUID(),
      ...(retentionMs === undefined ? {} : { retentionMs }),
    });
    subscriberConnections.set(log, subscriberConnection);
    opened.push({
      log,
      close: async () => {
        await log.close();
        await subscriber.close();
        await commands.quit();
      },
    });
    return log;
  }

  afterEach(async () => {
    for (const { close } of opened.splice(0)) await close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it("gives a reader on another instance the events live, then resumes it byte for byte", async () => {
    const [a, b] = [await instance(), await instance()];
    const here: GenerationEvent[] = [];
    a.start("m1", () => {});
    await a.subscribe("m1", 0, (event) => here.push(event));
    a.publish("m1", "text", { text: "Hello" });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const there: GenerationEvent[] = [];
    const unsubscribe = await b.subscribe("m1", 0, (event) => there.push(event));
    expect(unsubscribe).toBeDefined();
    a.publish("m1", "text", { text: " wörld 🌍" });
    a.publish("m1", "suggested_reply", { text: "More?" });
    await eventually(() => there.length === 3);

    // Cut after the first event; the resumed reader gets exactly what it missed.
    const resumed: GenerationEvent[] = [];
    await b.subscribe("m1", 1, (event) => resumed.push(event));
    a.finish("m1", { status: "complete", text: "Hello wörld 🌍" });
    await eventually(() => resumed.at(-1)?.event === "done" && there.at(-1)?.event === "done");

    expect(sse(there)).toBe(sse(here));
    expect(sse([here[0]!, ...resumed])).toBe(sse(here));
    expect(there.map((event) => event.id)).toEqual([1, 2, 3, 4]);
  });

  it("keeps a finished reply readable elsewhere, ending with done, then forgets it", async () => {
    const [a, b] = [await instance(200), await instance(200)];
    a.start("m2", () => {});
    a.publish("m2", "text", { text: "All" });
    a.finish("m2", { status: "complete", text: "All" });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const all: GenerationEvent[] = [];
    await b.subscribe("m2", 0, (event) => all.push(event));
    expect(all.map((event) => event.event)).toEqual(["text", "done"]);
    // A reader that has everything is told the end again, not kept waiting.
    const late: GenerationEvent[] = [];
    await b.subscribe("m2", 2, (event) => late.push(event));
    expect(late).toEqual([{ id: 2, event: "done", data: { status: "complete", text: "All" } }]);
    expect(await b.isRunning("m2")).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await b.subscribe("m2", 0, () => {})).toBeUndefined();
  });

  it("carries a stop from any instance to the one running the reply", async () => {
    const [a, b] = [await instance(), await instance()];
    const reasons: string[] = [];
    a.start("m3", (reason) => reasons.push(reason));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await b.isRunning("m3")).toBe(true);
    expect(await b.stop("m3")).toBe(true);
    await eventually(() => reasons.length === 1);
    expect(reasons).toEqual(["Stopped"]);
    expect(await b.stop("never-started")).toBe(false);
  });

  it("knows nothing of a reply nobody started", async () => {
    const b = await instance();
    expect(await b.subscribe("nobody", 0, () => {})).toBeUndefined();
    expect(await b.isRunning("nobody")).toBe(false);
  });

  it("ends a dead instance's reply for its readers when a survivor abandons it", async () => {
    const [a, b] = [await instance(), await instance()];
    a.start("m4", () => {});
    a.publish("m4", "text", { text: "Half" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen: GenerationEvent[] = [];
    await b.subscribe("m4", 0, (event) => seen.push(event));
    expect(await b.abandon("m4", { status: "error", error: "gone" })).toBe(true);
    await eventually(() => seen.at(-1)?.event === "done");
    expect(seen.at(-1)).toEqual({ id: 2, event: "done", data: { status: "error", error: "gone" } });
    expect(await b.isRunning("m4")).toBe(false);
    expect(await b.abandon("m4", {})).toBe(false);
  });

  it("catches a reader up on what it missed while its instance's pub/sub connection was down", async () => {
    const [a, b] = [await instance(), await instance()];
    a.start("m5", () => {});
    a.publish("m5", "text", { text: "One" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen: GenerationEvent[] = [];
    await b.subscribe("m5", 0, (event) => seen.push(event));
    await eventually(() => seen.length === 1);

    // B loses Redis for a moment (ioredis reconnects); A goes on and finishes meanwhile.
    const connection = subscriberConnections.get(b)!;
    const back = new Promise((resolve) => connection.once("ready", resolve));
    connection.disconnect(true);
    a.publish("m5", "text", { text: " two" });
    a.finish("m5", { status: "complete", text: "One two" });
    await back;
    await eventually(() => seen.at(-1)?.event === "done");
    expect(seen.map((event) => event.id)).toEqual([1, 2, 3]);
  });
});
