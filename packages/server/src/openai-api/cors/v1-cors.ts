import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../http/app-env.js";
import { nodeBindings } from "../../http/node-bindings.js";

/** Headers a browser may send: the key, JSON, and the official OpenAI SDK's telemetry. */
const ALLOWED_HEADERS = ["authorization", "content-type"];
const SDK_HEADER = /^x-stainless-[a-z0-9-]+$/;
/** Headers a browser client may read: OpenAI's SDKs look at these to decide on retrying. */
const EXPOSED_HEADERS = "retry-after, x-should-retry";
/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** The allowed headers for a preflight: the fixed ones and the SDK headers asked for. */
function allowedHeaders(requested: string | undefined): string {
  const sdkHeaders = (requested ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => SDK_HEADER.test(name));
  return [...new Set([...ALLOWED_HEADERS, ...sdkHeaders])].join(", ");
}

/**
 * CORS for `/v1`, so browser clients on the origins the admin lists can call the API with a
 * Parlor API key. Only a listed origin is echoed (never `*`), credentials are never allowed
 * (`/v1` takes keys, not cookies), and an unlisted origin gets no CORS header at all, so the
 * browser keeps the answer from its page. Every answer says `Vary: Origin` for caches.
 */
export const v1Cors = createMiddleware<AppEnv>(async (context, next) => {
  const origin = context.req.header("origin");
  const allowed = origin !== undefined && (await context.var.platform.corsOrigins.allows(origin));
  const preflight =
    context.req.method === "OPTIONS" &&
    context.req.header("access-control-request-method") !== undefined;
  if (preflight) {
    context.header("vary", "Origin");
    if (!allowed) return context.body(null, 204);
    return context.body(null, 204, {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": allowedHeaders(
        context.req.header("access-control-request-headers"),
      ),
      "access-control-max-age": String(PREFLIGHT_MAX_AGE_SECONDS),
    });
  }
  // Streamed answers are written to the Node response directly, past Hono's headers: headers
  // set on it now are merged into whatever head it writes.
  const { outgoing } = nodeBindings(context);
  if (allowed && outgoing) {
    outgoing.setHeader("vary", "Origin");
    outgoing.setHeader("access-control-allow-origin", origin);
    outgoing.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  }
  await next();
  // After the handler, errors included: a browser client must be able to read a 401 or 429.
  context.res.headers.append("vary", "Origin");
  if (allowed) {
    context.res.headers.set("access-control-allow-origin", origin);
    context.res.headers.set("access-control-expose-headers", EXPOSED_HEADERS);
  }
});
