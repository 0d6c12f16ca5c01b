import type { Redis } from "ioredis";

/** How long a lease lasts unless renewed, and how often a live instance renews it. */
export const LEASE_TIMING = { ttlMs: 9_000, renewMs: 3_000 } as const;

/** The key that exists while an instance is alive. */
export const leaseKey = (prefix: string, instanceId: string) => `${prefix}:instance:${instanceId}`;

/** An instance's heartbeat in Redis: it exists while the instance renews it. */
export interface InstanceLease {
  /** Whether `instanceId`'s lease is current (this instance's or another's). */
  isAlive(instanceId: string): Promise<boolean>;
  /** Stops renewing and gives the lease up (a clean shutdown). */
  release(): Promise<void>;
}

/**
 * Takes this instance's lease and renews it in the background. An instance that stops renewing
 * (killed, frozen, cut off from Redis) loses it after `ttlMs`, and its replies are then closed
 * by a survivor.
 */
export async function holdInstanceLease(options: {
  redis: Redis;
  prefix: string;
  instanceId: string;
  timing?: { ttlMs: number; renewMs: number };
  onError?: (error: unknown) => void;
}): Promise<InstanceLease> {
  const { redis, prefix } = options;
  const timing = options.timing ?? LEASE_TIMING;
  const key = leaseKey(prefix, options.instanceId);
  const renew = () => redis.set(key, String(Date.now()), "PX", timing.ttlMs);
  await renew();
  const timer = setInterval(() => {
    renew().catch((error: unknown) => options.onError?.(error));
  }, timing.renewMs).unref();
  return {
    isAlive: async (instanceId) => (await redis.exists(leaseKey(prefix, instanceId))) === 1,
    async release() {
      clearInterval(timer);
      await redis.del(key);
    },
  };
}
