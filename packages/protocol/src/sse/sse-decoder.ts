import { createParser, type EventSourceParser } from "eventsource-parser";
import { SseLimitError } from "../errors.js";

/** One message read from an SSE stream, before any protocol interpretation. */
export interface SseMessage {
  /** The `event:` field; `"message"` when the server sent none, as browsers do. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  id?: string;
}

/** Options of the SSE decoder. */
export interface SseDecoderOptions {
  /**
   * The most characters the decoder buffers for one unfinished line or event. Past it the
   * stream fails with `SseLimitError` instead of growing until the process runs out of memory.
   */
  maxEventSize?: number;
}

/** 8 Mi characters: far above any legitimate protocol event (replies cap at 100,000). */
export const DEFAULT_MAX_EVENT_SIZE = 8 * 1024 * 1024;

/** Callbacks of a push-style decoder. */
export interface SseDecoderCallbacks {
  onMessage: (message: SseMessage) => void;
  onComment?: (comment: string) => void;
}

/** A push-style decoder: feed text chunks as they arrive (any split, LF, CR or CRLF). */
export interface SseDecoder {
  feed(chunk: string): void;
  /** Marks the end of the stream, so a final CR counts as a line end. */
  end(): void;
}

/**
 * Creates a push-style SSE decoder over eventsource-parser, with a buffer cap. A buffer overflow
 * throws `SseLimitError` from `feed`.
 */
export function createSseDecoder(
  callbacks: SseDecoderCallbacks,
  options: SseDecoderOptions = {},
): SseDecoder {
  // A holder object, because TypeScript cannot see the callback below assign a plain variable.
  const failure: { overflow?: SseLimitError } = {};
  let endsWithCarriageReturn = false;
  const parser: EventSourceParser = createParser({
    maxBufferSize: options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE,
    onEvent: (message) => {
      const decoded: SseMessage = { event: message.event ?? "message", data: message.data };
      if (message.id !== undefined) decoded.id = message.id;
      callbacks.onMessage(decoded);
    },
    onComment: callbacks.onComment,
    onError: (error) => {
      // Unknown fields and bad `retry:` values are ignored, as the SSE standard says;
      // only the buffer cap ends the stream.
      if (error.type === "max-buffer-size-exceeded") {
        failure.overflow = new SseLimitError(error.message);
      }
    },
  });
  const throwIfOverflowed = () => {
    if (failure.overflow) throw failure.overflow;
  };
  return {
    feed(chunk) {
      throwIfOverflowed();
      if (chunk.length === 0) return;
      parser.feed(chunk);
      endsWithCarriageReturn = chunk.endsWith("\r");
      throwIfOverflowed();
    },
    end() {
      // The parser holds back a trailing CR in case an LF follows; at the end none will.
      if (endsWithCarriageReturn && !failure.overflow) parser.feed("\n");
    },
  };
}

/**
 * Decodes a byte or text stream into SSE messages. Comments (keep-alives) are skipped unless
 * `onComment` is given. An unfinished event at the end of the stream is dropped, as the SSE
 * standard requires.
 */
export async function* decodeSse(
  source: AsyncIterable<Uint8Array | string>,
  options: SseDecoderOptions & { onComment?: (comment: string) => void } = {},
): AsyncGenerator<SseMessage> {
  const textDecoder = new TextDecoder();
  const ready: SseMessage[] = [];
  const decoder = createSseDecoder(
    { onMessage: (message) => ready.push(message), onComment: options.onComment },
    options,
  );
  for await (const chunk of source) {
    decoder.feed(typeof chunk === "string" ? chunk : textDecoder.decode(chunk, { stream: true }));
    // Yield as we go so a slow consumer never makes us hold more than one chunk's events.
    while (ready.length > 0) yield ready.shift()!;
  }
  decoder.feed(textDecoder.decode());
  decoder.end();
  while (ready.length > 0) yield ready.shift()!;
}
