import { parse as parseCookies } from "hono/utils/cookie";
import { createMiddleware } from "hono/factory";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";
import type { Actor } from "../auth/accounts.js";
import type { AppEnv } from "./app-env.js";
import type { Context } from "hono";
import { requestHeader } from "./request-header.js";

/** The session cookie's name; `__Host-` when served over HTTPS so no subdomain can set it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-parlor_session" : "parlor_session";
}

/**
 * Finds who is calling: a user API key in `Authorization: Bearer pk_…`, else the session cookie.
 * Unsafe cookie requests must come from our own origin (Sec-Fetch-Site or Origin), which is
 * the CSRF protection; API-key requests need none, since browsers never add those headers.
 */
export const authenticate = createMiddleware<AppEnv>(async (context, next) => {
  const { accounts, config } = context.var.platform;
  const header = requestHeader(context, "authorization");
  const bearer = header && /^Bearer\s+(pk_\S+)$/i.exec(header)?.[1];
  if (bearer) {
    const actor = await accounts.actorForApiKey(bearer);
    if (!actor) throw new UnauthenticatedError("Invalid API key");
    context.set("actor", actor);
    context.set("credential", "api_key");
    return next();
  }
  const name = sessionCookieName(config.secureCookies);
  const token = parseCookies(requestHeader(context, "cookie") ?? "", name)[name];
  if (token) {
    const actor = await accounts.actorForSession(token);
    if (actor) {
      context.set("actor", actor);
      context.set("credential", "cookie");
    }
  }
  if (
    !["GET", "HEAD", "OPTIONS"].includes(context.req.method) &&
    !sameOrigin(context, config.publicUrl)
  ) {
    throw new ForbiddenError("Cross-site request refused", "csrf");
  }
  return next();
});

function sameOrigin(context: Context<AppEnv>, publicUrl: string | undefined): boolean {
  const site = requestHeader(context, "sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = requestHeader(context, "origin");
  // Non-browser clients (curl, the CLI) send neither header; browsers always send one.
  if (!origin) return true;
  // Behind a TLS proxy we see ourselves as http://<Host>; browsers send the public origin.
  return (
    origin === new URL(context.req.url).origin ||
    (publicUrl !== undefined && origin === new URL(publicUrl).origin)
  );
}

/** The signed-in actor, or a 401. */
export function requireActor(context: Context<AppEnv>): Actor {
  const actor = context.var.actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
