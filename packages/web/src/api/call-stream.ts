import { createParser } from "eventsource-parser";
import type { BotCall, CallEvent } from "./bots.js";
import { errorOf } from "./http.js";

/** What following a running call reports. */
export interface CallStreamHandlers {
  /** An event of the call, with its index in the call's events. */
  onEvent: (event: CallEvent, index: number) => void;
  /** The call is over; `call` is its row as logged. */
  onEnd: (call: BotCall) => void;
}

/** Events of a call are small (the log keeps 256 KiB of them in all): a cap well above that. */
const MAX_EVENT_SIZE = 1024 * 1024;

/**
 * Follows a running call (`GET /api/bots/:handle/calls/:id/live`) from the event after index
 * `after`, until its end. A dropped connection is reopened after the last event seen, so nothing
 * is shown twice; a 404 (the call is gone) ends it quietly.
 */
export async function followCall(
  handle: string,
  id: string,
  after: number,
  handlers: CallStreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  let last = after;
  for (let failures = 0; !signal.aborted; failures++) {
    try {
      const url = `/api/bots/${encodeURIComponent(handle)}/calls/${encodeURIComponent(id)}/live?after=${last}`;
      const response = await fetch(url, { credentials: "same-origin", signal });
      if (response.status === 404) return;
      if (!response.ok || !response.body) throw await errorOf(response);
      const ended = await readCallStream(response.body, signal, {
        onEvent: (event, index) => {
          last = index;
          failures = 0;
          handlers.onEvent(event, index);
        },
        onEnd: handlers.onEnd,
      });
      if (ended) return;
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** failures)));
  }
}

/** Reads one response; true when it carried the call's end. */
async function readCallStream(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  handlers: CallStreamHandlers,
): Promise<boolean> {
  let ended = false;
  const parser = createParser({
    maxBufferSize: MAX_EVENT_SIZE,
    onEvent: (message) => {
      const payload = JSON.parse(message.data) as Record<string, unknown>;
      if (message.event === "event") {
        const { index, ...event } = payload as unknown as CallEvent & { index: number };
        handlers.onEvent(event, index);
      } else if (message.event === "end") {
        ended = true;
        handlers.onEnd(payload.call as BotCall);
      }
    },
  });
  const text = new TextDecoder();
  const reader = body.getReader();
  const cancel = () => void reader.cancel();
  signal.addEventListener("abort", cancel, { once: true });
  try {
    while (!ended) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(text.decode(value, { stream: true }));
    }
  } finally {
    signal.removeEventListener("abort", cancel);
    if (ended) void reader.cancel();
  }
  return ended;
}
