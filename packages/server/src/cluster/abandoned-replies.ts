import type { Redis } from "ioredis";
import type { RedisGenerationLog } from "../relay/redis-generation-log.js";
import type { Store } from "../store/store.js";
import { publicUsage } from "../usage/usage-columns.js";
import type { InstanceLease } from "./instance-lease.js";

/** What the user is told about a reply whose instance went away while writing it. */
export const ABANDONED_REPLY_ERROR =
  "The server writing this reply stopped before it was done. Try again.";

/** How often each instance looks for replies whose instance went away. */
export const SWEEP_INTERVAL_MS = 2_500;

/**
 * A reply with no running instance recorded may be just starting (its row is stored before
 * it runs): it is left alone this long.
 */
const STARTING_GRACE_MS = 30_000;

/**
 * Finds replies left streaming by an instance that stopped renewing its lease and closes them
 * as failed, retry offered: the stored row, and the shared log so readers attached anywhere get
 * `done`. A reply whose instance is alive is never touched; one survivor closes each reply.
 */
export function createAbandonedReplySweeper(deps: {
  store: Store;
  redis: Redis;
  prefix: string;
  instanceId: string;
  log: RedisGenerationLog;
  lease: InstanceLease;
  clock: () => number;
  interval?: number;
  onError: (error: unknown) => void;
  onClosed: (count: number) => void;
}) {
  const { store, log, lease, clock } = deps;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;

  async function isAbandoned(
    message: { id: string; created_at: number },
    runningHere: Set<string>,
  ): Promise<boolean> {
    if (runningHere.has(message.id)) return false;
    const instance = await log.instanceOf(message.id);
    if (instance) return !(await lease.isAlive(instance));
    return clock() - message.created_at > STARTING_GRACE_MS;
  }

  /** Closes the abandoned replies; returns how many this instance closed. */
  async function sweep(): Promise<number> {
    let closed = 0;
    const streaming = await store.messages.listStreaming();
    const runningHere = new Set(log.running());
    for (const message of streaming) {
      if (!(await isAbandoned(message, runningHere))) continue;
      // Every survivor sweeps; the first to claim a reply closes it.
      const claimed = await deps.redis.set(
        `${deps.prefix}:closing:${message.id}`,
        deps.instanceId,
        "PX",
        60_000,
        "NX",
      );
      if (claimed !== "OK") continue;
      // A reply that ended meanwhile (its final write comes before its instance is forgotten)
      // keeps its final state.
      const changed = await store.messages.updateIfStreaming(message.id, {
        status: "error",
        error_text: ABANDONED_REPLY_ERROR,
        error_allow_retry: 1,
        updated_at: clock(),
      });
      if (!changed) continue;
      await log.abandon(message.id, {
        status: "error",
        error: ABANDONED_REPLY_ERROR,
        text: message.content,
        allow_retry: true,
        usage: publicUsage(message),
      });
      closed++;
    }
    return closed;
  }

  // One sweep at a time: a slow database must not pile them up.
  const sweepAndReport = () => {
    sweeping ??= sweep()
      .then(
        (count) => count > 0 && deps.onClosed(count),
        (error: unknown) => deps.onError(error),
      )
      .finally(() => (sweeping = undefined));
  };

  return {
    sweep,
    /** Sweeps now and then every interval. */
    start() {
      timer ??= setInterval(sweepAndReport, deps.interval ?? SWEEP_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
