/** A refusal or failure from the platform's API, in the platform's words. */
export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the platform could not be reached at all. */
    readonly status: number,
    /** The platform's stable code (`not_found`, `rate_limited`…), or `offline`. */
    readonly code: string,
    message: string,
    /** Seconds to wait before trying again, from `Retry-After`. */
    readonly retryAfterSeconds?: number,
    /** The request field the refusal is about, when the platform named one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What to tell a person about a failure: words, never a code. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "offline") return "You are offline or Parlor cannot be reached. Retrying…";
    if (error.code === "rate_limited" && error.retryAfterSeconds !== undefined) {
      return `${error.message} Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
