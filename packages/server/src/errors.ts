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
  /** The dotted path of the input field the error is about (`tools.0.function.name`), if one. */
  readonly field: string | undefined;

  constructor(
    code: string,
    status: number,
    message: string,
    options: {
      retryable?: boolean;
      headers?: Record<string, string>;
      cause?: unknown;
      field?: string;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.isRetryable = options.retryable ?? false;
    this.headers = options.headers ?? {};
    this.field = options.field;
  }
}

/**
 * Bad input; the message says exactly what is wrong, in a sentence, and `field` which field
 * (its dotted path) when it is about one. A string second argument is the code (older form).
 */
export class InvalidRequestError extends PlatformError {
  constructor(message: string, options: string | { code?: string; field?: string } = {}) {
    const { code = "invalid_request", field } =
      typeof options === "string" ? { code: options } : options;
    super(code, 400, message, field === undefined ? {} : { field });
  }
}

/** A 400 about one field: `field` is its dotted path, `message` a whole sentence. */
export function invalidField(field: string, message: string): InvalidRequestError {
  return new InvalidRequestError(message, { field });
}

/** A 400 for a field whose value was refused, `reason` saying why ("server_url was refused: …"). */
export function refusedField(field: string, reason: string): InvalidRequestError {
  return invalidField(field, `${field} was refused: ${reason}`);
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
