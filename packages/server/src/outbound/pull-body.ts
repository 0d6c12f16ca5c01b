import type { BodySink } from "./read-body.js";

/**
 * The body as an async iterable, for readers that pull (file downloads, `text()`, the
 * conformance check). Nothing is read until the first `next()`; leaving the loop early stops
 * the delivery. Chunks are not paced by the reader: those readers keep the whole body anyway,
 * and the body cap bounds it.
 */
export async function* pullBody(
  read: (sink: BodySink) => () => void,
): AsyncGenerator<Uint8Array, void, undefined> {
  const chunks: Buffer[] = [];
  let ended = false;
  let failure: { error: Error } | undefined;
  let wake: (() => void) | undefined;
  const stop = read({
    chunk: (chunk) => {
      chunks.push(chunk);
      wake?.();
    },
    end: () => {
      ended = true;
      wake?.();
    },
    fail: (error) => {
      failure = { error };
      wake?.();
    },
  });
  try {
    for (;;) {
      while (chunks.length > 0) yield chunks.shift()!;
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stop();
  }
}
