import type { Store } from "../store/store.js";

/**
 * Saves the text of running replies now and then, so a crash loses little: one timer and one
 * transaction for every reply in progress, instead of a write per reply (or per event).
 */
export interface Checkpoints {
  /**
   * Follows a running reply: at each save its text is read with `text()` and written if it
   * changed. Returns what stops following it (before the reply's final state is stored).
   */
  track(id: string, text: () => string): () => void;
  /** Saves what changed since the last save, now. */
  save(): Promise<void>;
}

/** Checkpoints every `intervalMs` (default 2 s) while at least one reply is followed. */
export function createCheckpoints(
  store: Store,
  options: { intervalMs?: number; clock?: () => number; onError?: (error: unknown) => void } = {},
): Checkpoints {
  const intervalMs = options.intervalMs ?? 2000;
  const clock = options.clock ?? Date.now;
  const followed = new Map<string, { text: () => string; saved: string }>();
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> | undefined;

  const save = async () => {
    // One save at a time: a slow database gets fewer, larger transactions, never a queue.
    if (saving) return saving;
    const changes: { id: string; content: string }[] = [];
    for (const [id, reply] of followed) {
      const text = reply.text();
      if (text === reply.saved) continue;
      reply.saved = text;
      changes.push({ id, content: text });
    }
    if (changes.length === 0) return;
    saving = store.messages
      .saveCheckpoints(changes, clock())
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (saving = undefined));
    return saving;
  };

  return {
    track(id, text) {
      followed.set(id, { text, saved: "" });
      timer ??= setInterval(() => void save(), intervalMs).unref();
      return () => {
        followed.delete(id);
        if (followed.size > 0) return;
        clearInterval(timer);
        timer = undefined;
      };
    },
    save,
  };
}
