import type { Redis } from "ioredis";
import type { RedisSubscriber } from "../cluster/redis-subscriber.js";
import type { GenerationEvent, GenerationListener } from "./generation-log.js";
import { replyKeys, toEvent, type StreamEntry } from "./reply-stream.js";

/**
 * Follows a reply running on another instance: subscribes to its channel first, then replays
 * its stream after `afterId` (events published in between come both ways; duplicates are
 * dropped), then delivers the channel's events. After the subscriber connection was lost and is
 * back, it reads the stream again for what was missed. Undefined when no instance runs the
 * reply and its stream is gone or never ended (the caller serves the stored row).
 */
export async function followRemoteReply(
  deps: { redis: Redis; subscriber: RedisSubscriber; prefix: string },
  id: string,
  afterId: number,
  listener: GenerationListener,
): Promise<(() => void) | undefined> {
  const { redis, subscriber } = deps;
  const keys = replyKeys(deps.prefix, id);
  let ended = false;
  // Channel events wait here while the stream is read, then go out in order.
  let catchingUp = true;
  let buffered: GenerationEvent[] = [];
  let lastDelivered = afterId;
  const deliver = (event: GenerationEvent) => {
    if (ended) return;
    lastDelivered = Math.max(lastDelivered, event.id);
    if (event.event === "done") stop();
    listener(event);
  };
  const flushAfter = (lastRead: number) => {
    catchingUp = false;
    const waiting = buffered;
    buffered = [];
    for (const event of waiting) if (event.id > lastRead) deliver(event);
  };
  const unlistenChannel = await subscriber.listen(keys.channel, (message) => {
    const event = JSON.parse(message) as GenerationEvent;
    if (catchingUp) buffered.push(event);
    else deliver(event);
  });
  const unlistenReconnects = subscriber.onReconnect(() => {
    if (ended || catchingUp) return;
    catchingUp = true;
    const from = lastDelivered;
    redis
      .xrange(keys.events, `0-${from + 1}`, "+")
      .then((entries) => {
        for (const event of (entries as StreamEntry[]).map(toEvent))
          if (event.id > lastDelivered) deliver(event);
      })
      .catch(() => {})
      .finally(() => flushAfter(lastDelivered));
  });
  let listening = true;
  function stop() {
    ended = true;
    if (!listening) return;
    listening = false;
    unlistenChannel();
    unlistenReconnects();
  }

  const [running, after, last] = (await redis
    .pipeline()
    .exists(keys.instance)
    .xrange(keys.events, `0-${afterId + 1}`, "+")
    .xrevrange(keys.events, "+", "-", "COUNT", 1)
    .exec()
    .then((results) =>
      results!.map(([error, value]) => {
        if (error) throw error;
        return value;
      }),
    )) as [number, StreamEntry[], StreamEntry[]];
  const lastEvent = last[0] && toEvent(last[0]);
  if (!running && !lastEvent) {
    stop();
    return undefined;
  }
  let lastReplayed = 0;
  for (const event of after.map(toEvent)) {
    lastReplayed = event.id;
    deliver(event);
  }
  if (!ended && lastEvent?.event === "done") {
    // Finished with nothing after `afterId`: the end again, as the memory log does.
    deliver(lastEvent);
  } else if (!ended && !running) {
    // Its instance is gone and nobody ended it yet.
    stop();
    return undefined;
  }
  // Like the memory log, events that arrive after attaching are delivered whatever `afterId`.
  flushAfter(lastReplayed);
  return stop;
}
