import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { PlatformError } from "../errors.js";
import type { AppEnv } from "./app-env.js";
import { requestHeader } from "./request-header.js";

/**
 * Refuses bodies over `maxSize` bytes with 413 and `message`. A declared `Content-Length` is
 * checked from the header alone (Node's parser never delivers more than it declares), so the
 * route can still read the body straight from the socket; Hono's own limiter would wrap every
 * request in a web `Request` and stream, which costs more than the rest of a bot call. Only a
 * chunked body, whose size is unknown until it ends, goes through Hono's counting limiter.
 */
export function limitBody(maxSize: number, message: string): MiddlewareHandler<AppEnv> {
  // Thrown, not answered, so the app's error handler gives it the route's shape (OpenAI's on /v1).
  const tooLarge = (): never => {
    throw new PlatformError("payload_too_large", 413, message);
  };
  const counting = bodyLimit({ maxSize, onError: tooLarge });
  return async (context, next) => {
    const method = context.req.method;
    // A GET has no body to limit, and asking for one would build a full `Request` that an
    // open event stream then keeps alive for as long as it is read.
    if (method === "GET" || method === "HEAD") return next();
    const declared = requestHeader(context, "content-length");
    if (declared === undefined || requestHeader(context, "transfer-encoding") !== undefined)
      return counting(context, next);
    if (Number(declared) > maxSize) tooLarge();
    return next();
  };
}
