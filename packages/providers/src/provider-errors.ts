/** Stable codes of provider failures; callers branch on these, never on messages. */
export type ProviderErrorCode =
  | "provider_auth"
  | "rate_limited"
  | "provider_unavailable"
  | "context_too_long"
  | "bad_request"
  | "cancelled";

/**
 * The error root of the providers package. `message` is a plain sentence a user or admin may
 * read; the vendor's own wording stays in `detail` for the log.
 */
export class ProviderError extends Error {
  /** A stable identifier of the failure. */
  readonly code: ProviderErrorCode;
  /** Whether the same request may succeed if sent again later. */
  readonly isRetryable: boolean;
  /** The vendor's status and message, for logs only. */
  readonly detail: string | undefined;

  constructor(
    code: ProviderErrorCode,
    message: string,
    options: { isRetryable: boolean; detail?: string; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.code = code;
    this.isRetryable = options.isRetryable;
    this.detail = options.detail;
  }
}

/** Optional context of a vendor error. */
export interface VendorErrorOptions {
  detail?: string;
  cause?: unknown;
}

/** The vendor refused the key (401/403). */
export class ProviderAuthError extends ProviderError {
  constructor(vendorName: string, options: VendorErrorOptions = {}) {
    super("provider_auth", `The ${vendorName} API key is wrong or lacks access.`, {
      ...options,
      isRetryable: false,
    });
    this.name = "ProviderAuthError";
  }
}

/** The vendor said too many requests (429); `retryAfterSeconds` is its hint, when given. */
export class RateLimitedError extends ProviderError {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    vendorName: string,
    retryAfterSeconds: number | undefined,
    options: VendorErrorOptions = {},
  ) {
    super("rate_limited", `${vendorName} is receiving too many requests. Try again shortly.`, {
      ...options,
      isRetryable: true,
    });
    this.name = "RateLimitedError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The vendor failed or is overloaded (5xx, 529, a broken stream). */
export class ProviderUnavailableError extends ProviderError {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    vendorName: string,
    retryAfterSeconds: number | undefined,
    options: VendorErrorOptions = {},
  ) {
    super("provider_unavailable", `${vendorName} is not available right now. Try again shortly.`, {
      ...options,
      isRetryable: true,
    });
    this.name = "ProviderUnavailableError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The conversation does not fit the model's context window. */
export class ContextTooLongError extends ProviderError {
  constructor(options: VendorErrorOptions = {}) {
    super(
      "context_too_long",
      "This conversation is too long for the model. Start a new chat or shorten your message.",
      { ...options, isRetryable: false },
    );
    this.name = "ContextTooLongError";
  }
}

/** The vendor rejected the request itself (another 4xx). */
export class BadRequestError extends ProviderError {
  constructor(vendorName: string, options: VendorErrorOptions = {}) {
    super("bad_request", `${vendorName} could not answer this request.`, {
      ...options,
      isRetryable: false,
    });
    this.name = "BadRequestError";
  }
}

/** The caller aborted the request. */
export class CancelledError extends ProviderError {
  constructor(options: VendorErrorOptions = {}) {
    super("cancelled", "The reply was cancelled.", { ...options, isRetryable: false });
    this.name = "CancelledError";
  }
}
