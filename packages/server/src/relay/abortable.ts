/**
 * Iterates `source` until `signal` aborts, even when the source is stuck awaiting (an
 * in-process bot sleeping, a socket with no data): each `next()` can be cut short by the abort.
 * On abort the source is closed so its cleanup runs, and the signal's reason is thrown.
 */
export async function* abortable<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  // Only the pending step listens for the abort (not Promise.race on one long-lived promise,
  // which would keep a callback per event until the reply ends).
  let rejectPending: ((reason: unknown) => void) | undefined;
  const onAbort = () => rejectPending?.(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
        rejectPending = reject;
        iterator.next().then(resolve, reject);
      });
      rejectPending = undefined;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    // Do not wait: a source stuck in an await would hold us here until it wakes.
    void iterator.return?.()?.catch(() => {});
  }
}
