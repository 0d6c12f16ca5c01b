import type { Logger } from "pino";
import {
  createRedisGenerationLog,
  type RedisGenerationLog,
} from "../relay/redis-generation-log.js";
import type { Store } from "../store/store.js";
import { createAbandonedReplySweeper } from "./abandoned-replies.js";
import type { Cluster } from "./cluster.js";
import { holdInstanceLease } from "./instance-lease.js";

/** Replies shared between instances: the Redis log, this instance's lease and the sweep. */
export interface SharedReplies {
  log: RedisGenerationLog;
  sweeper: ReturnType<typeof createAbandonedReplySweeper>;
  /** Writes what is queued, then gives the lease up. */
  close(): Promise<void>;
}

/**
 * Starts sharing replies through Redis: the generation log, and a lease so that a survivor
 * closes this instance's replies only once it stops renewing it.
 */
export async function startSharedReplies(deps: {
  cluster: Cluster;
  store: Store;
  clock: () => number;
  logger: Logger;
}): Promise<SharedReplies> {
  const { cluster, logger } = deps;
  const log = await createRedisGenerationLog({
    ...cluster,
    onError: (error) => logger.error({ err: error }, "could not share a reply's events"),
  });
  const lease = await holdInstanceLease({
    ...cluster,
    onError: (error) => logger.error({ err: error }, "could not renew this instance's lease"),
  });
  const sweeper = createAbandonedReplySweeper({
    ...cluster,
    store: deps.store,
    log,
    lease,
    clock: deps.clock,
    onError: (error) => logger.error({ err: error }, "could not close abandoned replies"),
    onClosed: (count) =>
      logger.warn({ count }, "closed replies whose instance stopped while writing them"),
  });
  return {
    log,
    sweeper,
    async close() {
      sweeper.stop();
      await log.close();
      await lease.release();
    },
  };
}
