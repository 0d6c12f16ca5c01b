import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisSubscriber } from "./redis-subscriber.js";

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn("TEST_REDIS_URL is not set: the Redis subscriber suite is skipped");

const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

describe.runIf(redisUrl)("one pub/sub connection per instance", () => {
  const publisher = new Redis(redisUrl!);
  afterAll(async () => {
    await publisher.quit();
  });

  it("subscribes a channel once for all its listeners, and leaves it with the last", async () => {
    const connection = new Redis(redisUrl!);
    const subscriber = createRedisSubscriber(connection);
    const channel = `parlor-test:${randomUUID()}`;
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = await subscriber.listen(channel, (message) => first.push(message));
    const stopSecond = await subscriber.listen(channel, (message) => second.push(message));
    // Redis counts one subscriber, however many readers this instance has.
    expect(await publisher.publish(channel, "one")).toBe(1);
    await sleep(30);
    stopFirst();
    await publisher.publish(channel, "two");
    await sleep(30);
    expect(first).toEqual(["one"]);
    expect(second).toEqual(["one", "two"]);
    stopSecond();
    await sleep(30);
    expect(await publisher.publish(channel, "three")).toBe(0);
    // Listening again after the last left subscribes anew.
    const third: string[] = [];
    await subscriber.listen(channel, (message) => third.push(message));
    await publisher.publish(channel, "four");
    await sleep(30);
    expect(third).toEqual(["four"]);
    await subscriber.close();
  });
});
