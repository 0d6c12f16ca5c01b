/** Why an outbound request failed; stable strings so callers can branch without matching messages. */
export type OutboundErrorCode =
  | "invalid_url"
  | "https_required"
  | "blocked_address"
  | "port_not_allowed"
  | "dns_failed"
  | "redirect_refused"
  | "connect_timeout"
  | "first_byte_timeout"
  | "timeout"
  | "body_too_large"
  | "connection_failed"
  | "aborted";

// Only failures where nothing (or nothing useful) reached the server are worth trying again.
const retryableCodes: ReadonlySet<OutboundErrorCode> = new Set([
  "dns_failed",
  "connect_timeout",
  "connection_failed",
]);

const timeoutCodes: ReadonlySet<OutboundErrorCode> = new Set([
  "connect_timeout",
  "first_byte_timeout",
  "timeout",
]);

/**
 * A request to a user-supplied URL was refused or failed. The message tells the URL's owner what
 * to change; it never contains request headers or the URL's path and query, which may hold secrets.
 */
export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  readonly isRetryable: boolean;
  /** Whether a deadline ran out (connecting, the response headers, the whole request). */
  readonly isTimeout: boolean;
  /** The HTTP status, when the server answered one we refuse to follow (a redirect). */
  readonly status: number | undefined;

  constructor(
    code: OutboundErrorCode,
    message: string,
    options?: ErrorOptions & { status?: number },
  ) {
    super(message, options);
    this.status = options?.status;
    this.name = "OutboundError";
    this.code = code;
    this.isRetryable = retryableCodes.has(code);
    this.isTimeout = timeoutCodes.has(code);
  }
}
