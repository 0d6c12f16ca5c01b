import type { BotEvent } from "../events/bot-event.js";

/**
 * Line ending for every frame we write. CRLF is what fastapi_poe (sse-starlette) sends, so bots
 * served by the SDK are byte-for-byte alike on the wire; every SSE reader accepts it.
 */
const EOL = "\r\n";

/** An event to encode: a protocol event, or any name with JSON data (e.g. a platform event). */
export type EncodableEvent = BotEvent | { event: string; data: unknown };

/**
 * Encodes one event as an SSE frame: `event:`, one `data:` line of JSON, an optional `id:`, and
 * the blank line. JSON.stringify escapes CR and LF, so the data always fits on one line.
 */
export function encodeSseEvent(event: EncodableEvent, id?: string | number): string {
  const idLine = id === undefined ? "" : `id: ${id}${EOL}`;
  return `${idLine}event: ${event.event}${EOL}data: ${JSON.stringify(event.data)}${EOL}${EOL}`;
}

/** Encodes an SSE comment, used as a keep-alive that every reader ignores. */
export function encodeSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, " ")}${EOL}${EOL}`;
}

/** A transform stream from events to UTF-8 SSE bytes, for web-standard `Response` bodies. */
export class SseEncoderStream extends TransformStream<EncodableEvent, Uint8Array> {
  constructor() {
    const encoder = new TextEncoder();
    super({
      transform(event, controller) {
        controller.enqueue(encoder.encode(encodeSseEvent(event)));
      },
    });
  }
}
