/** One request to a user-supplied URL; limits default to the Poe protocol's budgets. */
export interface OutboundRequest {
  url: string;
  method: "GET" | "POST";
  /** Sent as given, except `host` and `content-length`, which the client sets itself. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Resolving the name and opening the connection, TLS handshake included. Default 5 s. */
  connectTimeoutMs?: number;
  /** From connected until the response headers arrive. Default 5 s. */
  firstByteTimeoutMs?: number;
  /** From the call until the last body byte. Default 600 s. */
  totalTimeoutMs?: number;
  /** Response body cap, enforced while streaming. Default 16 MiB. */
  maxBodyBytes?: number;
}

/** The limits applied when a request leaves them out. */
export const OUTBOUND_DEFAULTS = {
  connectTimeoutMs: 5_000,
  firstByteTimeoutMs: 5_000,
  totalTimeoutMs: 600_000,
  maxBodyBytes: 16 * 1024 * 1024,
} as const;
