/**
 * The platform's error root. `status` is the HTTP status it becomes, `code` a stable string,
 * and the message is safe to show users; internals go to the log, never into one of these.
 */
export class PlatformError extends Error {
  readonly code: string;
  readonly status: number;
  readonly isRetryable: boolean;
  /** Extra headers for the response (e.g. Retry-After). */
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    status: number,
    message: string,
    options: { retryable?: boolean; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.isRetryable = options.retryable ?? false;
    this.headers = options.headers ?? {};
  }
}

/** Bad input; the message says exactly what is wrong. */
export class InvalidRequestError extends PlatformError {
  constructor(message: string, code = "invalid_request") {
    super(code, 400, message);
  }
}

/** No or bad credentials. */
export class UnauthenticatedError extends PlatformError {
  constructor(message = "Sign in or send an API key") {
    super("unauthenticated", 401, message);
  }
}

/** The object does not exist, or the caller may not know it exists: both are 404. */
export class NotFoundError extends PlatformError {
  constructor(what: string) {
    super("not_found", 404, `${what} not found`);
  }
}

/** The caller may see the object but not do this to it. */
export class ForbiddenError extends PlatformError {
  constructor(message: string, code = "forbidden") {
    super(code, 403, message);
  }
}

/** The request conflicts with existing data (a taken handle or email). */
export class ConflictError extends PlatformError {
  constructor(message: string) {
    super("conflict", 409, message);
  }
}

/** Too many requests; `Retry-After` says when to come back. */
export class RateLimitedError extends PlatformError {
  constructor(message: string, retryAfterSeconds: number) {
    super("rate_limited", 429, message, {
      retryable: true,
      headers: { "retry-after": String(retryAfterSeconds) },
    });
  }
}
