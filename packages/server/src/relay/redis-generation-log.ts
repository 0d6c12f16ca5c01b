import { MAX_REPLY_EVENTS } from "@parlor/protocol";
import type { Redis } from "ioredis";
import type { RedisSubscriber } from "../cluster/redis-subscriber.js";
import { followRemoteReply } from "./follow-remote-reply.js";
import {
  createMemoryGenerationLog,
  type GenerationEvent,
  type GenerationLog,
} from "./generation-log.js";
import { replyKeys, toEvent, type StreamEntry } from "./reply-stream.js";

/** A reply has at most this many events and its `done`; the stream's bound is never reached. */
const MAX_STREAM_LENGTH = MAX_REPLY_EVENTS + 1;

/** Longer than any reply may run (ten minutes), renewed with every batch of events. */
const RUNNING_TTL_MS = 30 * 60_000;

/** The channel an instance hears stop requests for its replies on. */
export const stopChannel = (prefix: string, instanceId: string) => `${prefix}:stop:${instanceId}`;

/** A generation log several instances share, and what only the Redis one can do. */
export interface RedisGenerationLog extends GenerationLog {
  /** The instance running a reply, if one is (whatever its health). */
  instanceOf(id: string): Promise<string | undefined>;
  /**
   * Ends a reply whose instance died: appends `done` with `data` for every reader, forgets the
   * instance. False if it had ended already.
   */
  abandon(id: string, data: unknown): Promise<boolean>;
  /** Writes what is queued and stops listening. */
  close(): Promise<void>;
}

/**
 * The generation log for several instances. A reply runs on one instance, in its in-process
 * log (its own readers are served from memory); every event is also appended to a bounded Redis
 * stream and published on the reply's channel, batched into one pipeline per turn of the event
 * loop. Readers on other instances replay the stream after their `Last-Event-ID` and follow the
 * channel through the instance's one subscriber connection. A stop is sent to the running
 * instance's own channel.
 */
export async function createRedisGenerationLog(options: {
  redis: Redis;
  subscriber: RedisSubscriber;
  prefix: string;
  instanceId: string;
  /** How long a finished reply stays readable (default a minute, like the memory log). */
  retentionMs?: number;
  onError?: (error: unknown) => void;
}): Promise<RedisGenerationLog> {
  const { redis, subscriber, prefix, instanceId } = options;
  const retentionMs = options.retentionMs ?? 60_000;
  const onError = options.onError ?? (() => {});
  let queue: { id: string; event: GenerationEvent }[] = [];
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    const batch = queue;
    queue = [];
    const pipeline = redis.pipeline();
    // Each reply's expiry is set once per batch, after its last event.
    const lastOf = new Map(batch.map(({ id, event }) => [id, event]));
    for (const { id, event } of batch) {
      const keys = replyKeys(prefix, id);
      const data = JSON.stringify(event.data);
      pipeline.xadd(
        keys.events,
        "MAXLEN",
        "~",
        MAX_STREAM_LENGTH,
        `0-${event.id}`,
        "e",
        event.event,
        "d",
        data,
      );
      // The data serialized once, for the stream and the message alike.
      pipeline.publish(
        keys.channel,
        `{"id":${event.id},"event":${JSON.stringify(event.event)},"data":${data}}`,
      );
      if (lastOf.get(id) !== event) continue;
      if (event.event === "done") {
        pipeline.pexpire(keys.events, retentionMs);
        pipeline.del(keys.instance);
      } else {
        pipeline.pexpire(keys.events, RUNNING_TTL_MS);
      }
    }
    return pipeline.exec().then(
      () => {},
      (error: unknown) => onError(error),
    );
  };
  const enqueue = (id: string, event: GenerationEvent) => {
    if (queue.length === 0) {
      // One pipeline per turn of the event loop, sent after the previous one (same connection).
      setImmediate(() => {
        flushing = flushing.then(flush);
      });
    }
    queue.push({ id, event });
  };

  const local = createMemoryGenerationLog({ retentionMs, onAppend: enqueue });
  const unlistenStops = await subscriber.listen(stopChannel(prefix, instanceId), (message) => {
    const { id, reason } = JSON.parse(message) as { id: string; reason: string };
    void local.stop(id, reason);
  });

  return {
    start(id, stop) {
      local.start(id, stop);
      redis.set(replyKeys(prefix, id).instance, instanceId, "PX", RUNNING_TTL_MS).catch(onError);
    },
    publish: (id, event, data) => local.publish(id, event, data),
    finish: (id, data) => local.finish(id, data),
    async subscribe(id, afterId, listener) {
      return (
        (await local.subscribe(id, afterId, listener)) ??
        followRemoteReply(options, id, afterId, listener)
      );
    },
    async stop(id, reason = "Stopped") {
      if (await local.stop(id, reason)) return true;
      const instance = await redis.get(replyKeys(prefix, id).instance);
      if (!instance) return false;
      await redis.publish(stopChannel(prefix, instance), JSON.stringify({ id, reason }));
      return true;
    },
    async isRunning(id) {
      return (
        (await local.isRunning(id)) || (await redis.exists(replyKeys(prefix, id).instance)) === 1
      );
    },
    running: () => local.running(),
    async instanceOf(id) {
      return (await redis.get(replyKeys(prefix, id).instance)) ?? undefined;
    },
    async abandon(id, data) {
      const keys = replyKeys(prefix, id);
      const [last] = (await redis.xrevrange(keys.events, "+", "-", "COUNT", 1)) as StreamEntry[];
      const lastId = last ? toEvent(last).id : 0;
      if (last && toEvent(last).event === "done") return false;
      const event: GenerationEvent = { id: lastId + 1, event: "done", data };
      await redis
        .pipeline()
        .xadd(keys.events, `0-${event.id}`, "e", "done", "d", JSON.stringify(data))
        .pexpire(keys.events, retentionMs)
        .del(keys.instance)
        .publish(keys.channel, JSON.stringify(event))
        .exec();
      return true;
    },
    async close() {
      unlistenStops();
      await new Promise((resolve) => setImmediate(resolve));
      await flushing;
    },
  };
}
