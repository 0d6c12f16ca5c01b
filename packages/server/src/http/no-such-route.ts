import type { Context } from "hono";
import { PlatformError } from "../errors.js";

/**
 * The 404 of a route that does not exist. Routes only some may know of (the admin API) answer
 * others with exactly this, so nothing tells them the route is there.
 */
export function noSuchRoute(context: Context): PlatformError {
  return new PlatformError(
    "not_found",
    404,
    `No such route: ${context.req.method} ${context.req.path}`,
  );
}
