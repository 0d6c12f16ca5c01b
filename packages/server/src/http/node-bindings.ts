import type { HttpBindings } from "@hono/node-server";
import type { Context } from "hono";

/**
 * Node's own request and response behind a Hono context, when the app runs on Node
 * (`@hono/node-server`); empty elsewhere. Hot paths use them to skip the web `Request` and
 * `Response` objects Hono would otherwise build.
 */
export function nodeBindings(context: Context): Partial<HttpBindings> {
  return (context.env as Partial<HttpBindings> | undefined) ?? {};
}
