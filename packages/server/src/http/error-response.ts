import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PlatformError } from "../errors.js";

/**
 * The one place errors become HTTP responses, `{error: {code, message, field?}}`: platform
 * errors keep their status, message and field; anything else is logged and answered with a
 * generic 500, so internals never reach users.
 */
export function errorResponse(
  context: Context,
  error: unknown,
  log: (error: unknown) => void,
): Response {
  if (error instanceof PlatformError) {
    for (const [name, value] of Object.entries(error.headers)) context.header(name, value);
    const field = error.field === undefined ? {} : { field: error.field };
    return context.json(
      { error: { code: error.code, message: error.message, ...field } },
      error.status as ContentfulStatusCode,
    );
  }
  log(error);
  return context.json(
    { error: { code: "internal_error", message: "Something went wrong on our side" } },
    500,
  );
}
