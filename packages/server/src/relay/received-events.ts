import type { SseMessage } from "@parlor/protocol";

/** One event as the bot sent it: its name, its data undecoded, when it came. */
export interface ReceivedEvent {
  /** Milliseconds since the request started. */
  ms: number;
  event: string;
  data: string;
}

/** How many events of one call the call log keeps. */
export const MAX_RECEIVED_EVENTS = 500;
/** How many bytes of event names and data of one call the call log keeps. */
export const MAX_RECEIVED_EVENT_BYTES = 256 * 1024;
/**
 * An `error` event ends the call and carries the bot's own details (`raw_response`), which its
 * owner needs most: it is kept past the caps, up to this size.
 */
export const MAX_KEPT_ERROR_EVENT_BYTES = 64 * 1024;

/**
 * The events of one call, kept for its call log up to the caps. Adding one costs a push and a
 * length count: this runs once per event on the relay's hot path, and nothing is written until
 * the call is over.
 */
export class ReceivedEvents {
  readonly events: ReceivedEvent[] = [];
  /** Whether events were left out, past a cap. */
  truncated = false;
  /** Bytes of names and data kept so far. */
  bytes = 0;
  /** Told of each event kept, while an owner watches the call live; unset otherwise. */
  onAdd: ((event: ReceivedEvent, index: number) => void) | undefined;

  add(ms: number, message: SseMessage): void {
    if (this.truncated && message.event !== "error") return;
    const size = Buffer.byteLength(message.data) + message.event.length;
    if (this.events.length >= MAX_RECEIVED_EVENTS || this.bytes + size > MAX_RECEIVED_EVENT_BYTES) {
      this.truncated = true;
      if (message.event !== "error" || size > MAX_KEPT_ERROR_EVENT_BYTES) return;
    }
    this.bytes += size;
    const event = { ms, event: message.event, data: message.data };
    this.events.push(event);
    this.onAdd?.(event, this.events.length - 1);
  }
}
