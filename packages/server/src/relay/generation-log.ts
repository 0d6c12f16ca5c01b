/** One event of a generation as clients receive it, numbered for `Last-Event-ID`. */
export interface GenerationEvent {
  id: number;
  event: string;
  data: unknown;
}

/** Receives a generation's events as they happen. */
export type GenerationListener = (event: GenerationEvent) => void;

/**
 * The generations in progress: numbered events, replay after any id, live fan-out to every
 * attached client, and stop. {@link createMemoryGenerationLog} serves one process;
 * `createRedisGenerationLog` shares it between instances (so reading, resuming and stopping are
 * asynchronous: the reply may run elsewhere).
 */
export interface GenerationLog {
  /** Registers a generation; `stop` is called with the reason when someone stops it. */
  start(id: string, stop: (reason: string) => void): void;
  /** Appends an event and delivers it to every listener. */
  publish(id: string, event: string, data: unknown): void;
  /** Appends the final event; listeners are detached and the history kept a while for late readers. */
  finish(id: string, data: unknown): void;
  /**
   * Replays events after `afterId`, then delivers new ones; a finished generation with nothing
   * after `afterId` replays its final event, so every reader ends. Returns undefined when the
   * generation is not known (finished long ago, or never started).
   */
  subscribe(
    id: string,
    afterId: number,
    listener: GenerationListener,
  ): Promise<(() => void) | undefined>;
  /**
   * Stops a running generation; `reason` is what the user is told (default "Stopped", for a
   * user's own stop). False if it is not running.
   */
  stop(id: string, reason?: string): Promise<boolean>;
  isRunning(id: string): Promise<boolean>;
  /** Ids of the generations running here. */
  running(): string[];
}

interface Entry {
  events: GenerationEvent[];
  listeners: Set<GenerationListener>;
  stop: ((reason: string) => void) | undefined;
  finished: boolean;
}

/**
 * The in-process generation log; finished generations stay readable for `retentionMs`.
 * `onAppend` sees every event as it is numbered (the Redis log mirrors them from there).
 */
export function createMemoryGenerationLog(
  options: { retentionMs?: number; onAppend?: (id: string, event: GenerationEvent) => void } = {},
): GenerationLog {
  const entries = new Map<string, Entry>();
  const retentionMs = options.retentionMs ?? 60_000;
  const append = (id: string, entry: Entry, event: string, data: unknown) => {
    const item: GenerationEvent = { id: entry.events.length + 1, event, data };
    entry.events.push(item);
    options.onAppend?.(id, item);
    for (const listener of entry.listeners) listener(item);
  };
  return {
    start(id, stop) {
      entries.set(id, { events: [], listeners: new Set(), stop, finished: false });
    },
    publish(id, event, data) {
      const entry = entries.get(id);
      if (entry && !entry.finished) append(id, entry, event, data);
    },
    finish(id, data) {
      const entry = entries.get(id);
      if (!entry || entry.finished) return;
      append(id, entry, "done", data);
      entry.finished = true;
      entry.stop = undefined;
      entry.listeners.clear();
      setTimeout(() => entries.delete(id), retentionMs).unref();
    },
    subscribe: async (id, afterId, listener) => subscribeHere(id, afterId, listener),
    stop: async (id, reason = "Stopped") => stopHere(id, reason),
    isRunning: async (id) => Boolean(entries.get(id) && !entries.get(id)!.finished),
    running: () => [...entries].filter(([, entry]) => !entry.finished).map(([id]) => id),
  };

  // Synchronous, so replay and attach happen with no event slipping in between.
  function subscribeHere(id: string, afterId: number, listener: GenerationListener) {
    const entry = entries.get(id);
    if (!entry) return undefined;
    let replayed = false;
    for (const event of entry.events) {
      if (event.id > afterId) {
        listener(event);
        replayed = true;
      }
    }
    if (entry.finished) {
      // A reader that already has the end (or names an id past it) is told the end again
      // rather than kept waiting for events that will never come.
      if (!replayed) listener(entry.events.at(-1)!);
      return () => {};
    }
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  function stopHere(id: string, reason: string): boolean {
    const entry = entries.get(id);
    if (!entry?.stop) return false;
    entry.stop(reason);
    return true;
  }
}
