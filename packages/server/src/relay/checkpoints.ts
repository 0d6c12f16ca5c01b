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

/** Replies saved per transaction. */
const BATCH_SIZE = 100;

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
    saving = saveInBatches(changes)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (saving = undefined));
    return saving;
  };

  // SQLite runs on this thread: a thousand replies in one transaction would hold every stream
  // for tens of milliseconds. Batches of BATCH_SIZE, with I/O let through between them.
  const saveInBatches = async (changes: { id: string; content: string }[]) => {
    for (let start = 0; start < changes.length; start += BATCH_SIZE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      await store.messages.saveCheckpoints(changes.slice(start, start + BATCH_SIZE), clock());
    }
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
