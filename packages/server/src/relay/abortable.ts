/**
 * Iterates `source` until `signal` aborts, even when the source is stuck awaiting (an
 * in-process bot sleeping, a socket with no data): each `next()` races the abort. On abort the
 * source is closed so its cleanup runs, and the signal's reason is thrown.
 */
export async function* abortable<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let rejectOnAbort: (reason: unknown) => void = () => {};
  const aborted = new Promise<never>((_, reject) => (rejectOnAbort = reject));
  aborted.catch(() => {}); // handled by the race below; silence the unhandled-rejection warning
  const onAbort = () => rejectOnAbort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    // Do not wait: a source stuck in an await would hold us here until it wakes.
    void iterator.return?.()?.catch(() => {});
  }
}
