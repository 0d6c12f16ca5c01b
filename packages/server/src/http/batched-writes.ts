import type { ServerResponse } from "node:http";

/** How long a caller waits at most for the response head while the bot has not started. */
const HEAD_WAIT_MS = 50;

/**
 * Writes an event stream to a Node response with as few write calls as possible: the head waits
 * for the first text (or {@link HEAD_WAIT_MS}, so a slow bot's caller still sees the 200
 * soon), and everything written before the event loop next polls for I/O (a burst of events,
 * the final events and the end of the response) leaves in one `writev`. A bot that answers at
 * once then costs one write instead of three; a paced stream is not delayed.
 */
export function batchedWrites(outgoing: ServerResponse): {
  write(text: string): void;
  end(): void;
} {
  let headTimer: NodeJS.Timeout | undefined = setTimeout(() => {
    headTimer = undefined;
    if (!outgoing.destroyed) outgoing.flushHeaders();
  }, HEAD_WAIT_MS);
  let corked = false;
  const uncork = () => {
    corked = false;
    outgoing.uncork();
  };
  const startBatch = () => {
    clearTimeout(headTimer);
    headTimer = undefined;
    if (corked) return;
    corked = true;
    outgoing.cork();
    setImmediate(uncork);
  };
  return {
    write(text) {
      if (outgoing.destroyed) return;
      startBatch();
      outgoing.write(text);
    },
    end() {
      clearTimeout(headTimer);
      if (outgoing.destroyed) return;
      startBatch();
      outgoing.end();
    },
  };
}
