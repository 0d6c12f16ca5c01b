import type { Redis } from "ioredis";

/** Receives the messages of one pub/sub channel. */
export type ChannelListener = (message: string) => void;

/**
 * One instance's pub/sub connection, shared by everything that listens: a channel is
 * subscribed once, however many in-process listeners it has, and each message is fanned out
 * to them here (Redis sends it over the wire once per instance, not once per reader).
 */
export interface RedisSubscriber {
  /** Listens to `channel`; resolves once Redis confirms, so no later message is missed. */
  listen(channel: string, listener: ChannelListener): Promise<() => void>;
  /**
   * Calls `listener` each time the connection is back after a loss and its channels are
   * subscribed again: messages published meanwhile were missed, and readers catch up then.
   */
  onReconnect(listener: () => void): () => void;
  /** Ends the connection. */
  close(): Promise<void>;
}

/** A subscriber over `connection`, which it puts in subscriber mode (give it its own). */
export function createRedisSubscriber(
  connection: Redis,
  onError: (error: unknown) => void = () => {},
): RedisSubscriber {
  const channels = new Map<string, { listeners: Set<ChannelListener>; ready: Promise<unknown> }>();
  const reconnectListeners = new Set<() => void>();
  let connectedBefore = connection.status === "ready";
  connection.on("message", (channel: string, message: string) => {
    for (const listener of channels.get(channel)?.listeners ?? []) listener(message);
  });
  connection.on("ready", () => {
    if (!connectedBefore) {
      connectedBefore = true;
      return;
    }
    // ioredis resubscribes by itself; subscribing again and waiting for it (commands on one
    // connection run in order) tells when that is done.
    const names = [...channels.keys()];
    const resubscribed = names.length > 0 ? connection.subscribe(...names) : Promise.resolve();
    resubscribed.then(() => {
      for (const listener of reconnectListeners) listener();
    }, onError);
  });
  return {
    async listen(channel, listener) {
      let entry = channels.get(channel);
      if (!entry) {
        entry = { listeners: new Set(), ready: connection.subscribe(channel) };
        channels.set(channel, entry);
      }
      const current = entry;
      current.listeners.add(listener);
      try {
        await current.ready;
      } catch (error) {
        current.listeners.delete(listener);
        if (channels.get(channel) === current && current.listeners.size === 0)
          channels.delete(channel);
        throw error;
      }
      return () => {
        if (!current.listeners.delete(listener) || current.listeners.size > 0) return;
        if (channels.get(channel) !== current) return;
        channels.delete(channel);
        // Commands on one connection run in order: a later subscribe of the same channel wins.
        connection.unsubscribe(channel).catch(onError);
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async close() {
      channels.clear();
      reconnectListeners.clear();
      await connection.quit();
    },
  };
}
