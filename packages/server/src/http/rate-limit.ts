import { createHash } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { RateLimitedError } from "../errors.js";
import type { AppEnv } from "./app-env.js";

/** Which limit a request counts against, or undefined when none applies. */
function limitedKind(
  method: string,
  path: string,
): { kind: "message" | "bot_query"; target: string } | undefined {
  if (method !== "POST") return undefined;
  const sent = /^\/api\/(?:conversations\/([^/]+)\/messages|messages\/([^/]+)\/regenerate)$/.exec(
    path,
  );
  if (sent) return { kind: "message", target: sent[1] ?? sent[2]! };
  const query = /^\/(?:bot|v1)\/(?!fetch_settings|update_settings|cost|file_upload)([^/]+)/.exec(
    path,
  );
  if (query) return { kind: "bot_query", target: query[1]! };
  return undefined;
}

/**
 * Rate limits on sending messages and on bot-query calls (Poe API and OpenAI API): per caller
 * and per target, answered with 429 and `Retry-After`. The caller is the session or key
 * (hashed, so no secret sits in memory as a map key).
 */
export const rateLimit = createMiddleware<AppEnv>(async (context, next) => {
  const limited = limitedKind(context.req.method, context.req.path);
  if (!limited) return next();
  const { rateLimiter, config } = context.var.platform;
  const credential =
    context.req.header("authorization") ??
    context.req.header("cookie") ??
    context.req.header("x-forwarded-for") ??
    "anonymous";
  const caller = createHash("sha256").update(credential).digest("base64url").slice(0, 22);
  const perMinute =
    limited.kind === "message"
      ? config.rateLimits.messagesPerMinute
      : config.rateLimits.botQueriesPerMinute;
  for (const key of [
    `${limited.kind}:caller:${caller}`,
    `${limited.kind}:target:${limited.target}`,
  ]) {
    // A single target gets ten callers' worth, so one busy bot is not starved by its own fame.
    const limit = key.includes(":target:") ? perMinute * 10 : perMinute;
    const decision = await rateLimiter.take(key, limit);
    if (!decision.allowed) {
      throw new RateLimitedError(
        limited.kind === "message"
          ? `Too many messages: at most ${limit} a minute`
          : `Too many bot queries: at most ${limit} a minute`,
        decision.retryAfterSeconds,
      );
    }
  }
  return next();
});
