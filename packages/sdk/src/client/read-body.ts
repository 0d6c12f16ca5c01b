/**
 * Iterates a response body chunk by chunk and cancels it when the consumer stops early (a
 * `break`, a thrown error), so an abandoned bot stream does not keep its connection open.
 */
export async function* readBody(
  body: ReadableStream<Uint8Array> | null,
): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        finished = true;
        return;
      }
      yield chunk.value;
    }
  } finally {
    // Cancelling tells the server we are gone; errors here only mean it already knows.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
