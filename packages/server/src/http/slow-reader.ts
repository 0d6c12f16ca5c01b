import type { ServerResponse } from "node:http";

/**
 * The most bytes one stream's client may leave unread in the platform's memory (beyond what
 * the kernel's socket buffers hold). A reader slower than the bot would otherwise make the
 * platform buffer the whole reply for it, per client; past this it is dropped instead, and
 * resumes from its last event id when it is ready (chat streams), or sees its call end.
 */
export const MAX_QUEUED_BYTES = 1024 * 1024;

// Turns of the event loop, counted lazily: one shared setImmediate per turn in which anything
// was written, not one per client.
let turn = 0;
let counting = false;
function currentTurn(): number {
  if (!counting) {
    counting = true;
    setImmediate(() => {
      turn++;
      counting = false;
    });
  }
  return turn;
}

/**
 * Watches one client's backlog. What counts is what is still unsent from *earlier* turns of
 * the event loop: a fast reader takes a burst (one read of a bot's socket can bring a couple of
 * megabytes) within a turn, a slow one leaves it queued.
 */
export class BacklogGuard {
  #turn = -1;

  constructor(private readonly outgoing: ServerResponse) {}

  /** Call before each write; drops the client and returns true if it is too far behind. */
  dropIfBehind(): boolean {
    const now = currentTurn();
    if (now === this.#turn) return false;
    this.#turn = now;
    if (this.outgoing.writableLength <= MAX_QUEUED_BYTES) return false;
    this.outgoing.destroy();
    return true;
  }
}
