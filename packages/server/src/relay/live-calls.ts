import type { BotCallRow } from "../store/bot-calls-store.js";
import type { CallContext } from "./call-log.js";
import type { StartedAttempt } from "./dispatch-reply.js";
import type { ReceivedEvent } from "./received-events.js";

/**
 * A call to a bot that is running now (or has ended and is not in the call log yet): the
 * attempt and whom it is for. Its request is serialised only when an owner opens the call.
 */
export interface LiveCall extends StartedAttempt {
  context: CallContext;
}

/** Someone watching one live call: each event as it comes, then the call as logged. */
export interface LiveCallWatcher {
  event(event: ReceivedEvent, index: number): void;
  end(row: BotCallRow): void;
}

interface Entry {
  call: LiveCall;
  watchers: Set<LiveCallWatcher>;
}

/** A call not recorded this long after it started is forgotten (a crash between the two). */
const FORGET_AFTER_MS = 15 * 60_000;
/** How often, at most, calls are looked through for such forgotten ones. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The calls running in this process, for owners who watch them live. The relay pays nothing per
 * event for a call nobody watches: the attempt's ReceivedEvents is shared, not copied, and its
 * `onAdd` is set only while someone watches. A call stays here until the call log records it,
 * so a watcher never falls into the gap between the end of the call and its row.
 */
export function createLiveCalls() {
  const entries = new Map<string, Entry>();
  let sweptAt = 0;
  const forget = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entry.call.events.onAdd = undefined;
    entries.delete(id);
  };
  // No timer per call: now and then, as calls start, the stale ones go.
  const sweep = (now: number) => {
    if (now - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = now;
    for (const [id, { call }] of entries) if (now - call.startedAt > FORGET_AFTER_MS) forget(id);
  };
  return {
    /** What `dispatchReply` calls as each attempt of the call `context` describes starts. */
    watch(context: CallContext) {
      return (attempt: StartedAttempt) => {
        sweep(attempt.startedAt);
        entries.set(attempt.id, { call: { ...attempt, context }, watchers: new Set() });
      };
    },
    /** The live call `id` of `botId`, if there is one. */
    find(botId: string, id: string): LiveCall | undefined {
      const call = entries.get(id)?.call;
      return call?.context.botId === botId ? call : undefined;
    },
    /** The live calls of `botId`, newest first. */
    listForBot(botId: string): LiveCall[] {
      return [...entries.values()]
        .map((entry) => entry.call)
        .filter((call) => call.context.botId === botId)
        .sort((a, b) => b.startedAt - a.startedAt);
    },
    /**
     * Tells `watcher` of the call's events after index `after` (-1 for all), then of each new
     * one, then of its end. Undefined when the call is not live here. Returns the unsubscribe.
     */
    subscribe(id: string, after: number, watcher: LiveCallWatcher): (() => void) | undefined {
      const entry = entries.get(id);
      if (!entry) return undefined;
      const { events } = entry.call;
      for (let index = after + 1; index < events.events.length; index++)
        watcher.event(events.events[index]!, index);
      entry.watchers.add(watcher);
      events.onAdd = (event, index) => {
        for (const each of entry.watchers) each.event(event, index);
      };
      return () => {
        entry.watchers.delete(watcher);
        if (entry.watchers.size === 0) events.onAdd = undefined;
      };
    },
    /** The call log has the call now: watchers get its row, and it stops being live. */
    recorded(row: BotCallRow) {
      const entry = entries.get(row.id);
      if (!entry) return;
      for (const watcher of entry.watchers) watcher.end(row);
      forget(row.id);
    },
  };
}

/** The registry of live calls. */
export type LiveCalls = ReturnType<typeof createLiveCalls>;
