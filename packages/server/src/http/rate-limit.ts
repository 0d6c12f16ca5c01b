import { createHash } from "node:crypto";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { RateLimitedError } from "../errors.js";
import type { AppEnv } from "./app-env.js";
import { requestHeader } from "./request-header.js";

type LimitKind = "message" | "bot_query";

/**
 * Which limit a request counts against, or undefined when none applies. The target is the
 * conversation, message or bot the path names; an OpenAI completion names its bot (the model)
 * only in its body, so its handler charges that bucket ({@link chargeTarget}).
 */
function limitedKind(
  method: string,
  path: string,
): { kind: LimitKind; target: string | undefined } | undefined {
  if (method !== "POST") return undefined;
  const sent = /^\/api\/(?:conversations\/([^/]+)\/messages|messages\/([^/]+)\/regenerate)$/.exec(
    path,
  );
  if (sent) return { kind: "message", target: sent[1] ?? sent[2]! };
  if (path === "/v1/chat/completions") return { kind: "bot_query", target: undefined };
  const query = /^\/bot\/(?!fetch_settings|update_settings|cost|file_upload)([^/]+)/.exec(path);
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
  const credential =
    requestHeader(context, "authorization") ??
    requestHeader(context, "cookie") ??
    requestHeader(context, "x-forwarded-for") ??
    "anonymous";
  const caller = createHash("sha256").update(credential).digest("base64url").slice(0, 22);
  await take(context, limited.kind, `caller:${caller}`);
  if (limited.target !== undefined) await chargeTarget(context, limited.kind, limited.target);
  return next();
});

/**
 * Counts one call against a target's bucket, which gets ten callers' worth so one busy bot is
 * not starved by its own fame; throws RateLimitedError past it.
 */
export function chargeTarget(context: Context<AppEnv>, kind: LimitKind, target: string) {
  return take(context, kind, `target:${target}`);
}

async function take(context: Context<AppEnv>, kind: LimitKind, bucket: string): Promise<void> {
  const { rateLimiter, config } = context.var.platform;
  const perMinute =
    kind === "message"
      ? config.rateLimits.messagesPerMinute
      : config.rateLimits.botQueriesPerMinute;
  const limit = bucket.startsWith("target:") ? perMinute * 10 : perMinute;
  const decision = await rateLimiter.take(`${kind}:${bucket}`, limit);
  if (!decision.allowed) {
    throw new RateLimitedError(
      kind === "message"
        ? `Too many messages: at most ${limit} a minute`
        : `Too many bot queries: at most ${limit} a minute`,
      decision.retryAfterSeconds,
    );
  }
}
