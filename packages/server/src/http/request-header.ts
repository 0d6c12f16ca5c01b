import type { Context } from "hono";
import { nodeBindings } from "./node-bindings.js";

/**
 * A request header, read from Node's own header record when the app runs on Node. Hono's
 * `req.header()` builds a web `Headers` object of every header on first use, and an event stream
 * keeps its request, and so that object, alive for as long as it is open.
 */
export function requestHeader(context: Context, name: string): string | undefined {
  const { incoming } = nodeBindings(context);
  if (!incoming) return context.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}
