/**
 * The error root of the protocol package. Every error here has a stable string `code` so callers
 * can branch on it without matching messages.
 */
export class ProtocolError extends Error {
  /** A stable identifier of the failure, e.g. `sse_buffer_overflow`. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ProtocolError";
    this.code = code;
  }
}

/** An SSE stream broke the decoder's limits (an endless line, an oversized event). */
export class SseLimitError extends ProtocolError {
  constructor(message: string) {
    super("sse_buffer_overflow", message);
    this.name = "SseLimitError";
  }
}
