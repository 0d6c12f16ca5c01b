import { Redis } from "ioredis";
import { randomToken } from "../auth/tokens.js";
import { createRedisSubscriber, type RedisSubscriber } from "./redis-subscriber.js";

/** What several instances share one Redis through: its connections, names and this instance. */
export interface Cluster {
  /** Commands (pipelined where it matters). */
  redis: Redis;
  /** The instance's one pub/sub connection. */
  subscriber: RedisSubscriber;
  /** What this deployment's keys start with. */
  prefix: string;
  /** This process, as replies and leases name it. */
  instanceId: string;
  close(): Promise<void>;
}

/** Connects to Redis: one connection for commands, one for subscriptions. */
export function createCluster(options: {
  redisUrl: string;
  prefix: string;
  onError: (error: unknown) => void;
}): Cluster {
  const redis = new Redis(options.redisUrl);
  const subscriber = createRedisSubscriber(redis.duplicate(), options.onError);
  return {
    redis,
    subscriber,
    prefix: options.prefix,
    instanceId: randomToken(9),
    async close() {
      await subscriber.close();
      await redis.quit();
    },
  };
}
