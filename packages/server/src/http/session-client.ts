import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { SessionClient } from "../auth/accounts.js";
import { sha256 } from "../auth/tokens.js";
import type { AppEnv } from "./app-env.js";
import { sessionCookieName } from "./authenticate.js";
import { requestHeader } from "./request-header.js";

/**
 * The browser and address a login comes from, kept with its session so its owner can tell
 * sessions apart. The address is the client's as rate limits see it (`PARLOR_TRUSTED_PROXIES`).
 */
export function sessionClientOf(context: Context<AppEnv>): SessionClient {
  return {
    userAgent: requestHeader(context, "user-agent"),
    address: context.var.platform.clientAddress(context),
  };
}

/**
 * The stored id (the token's hash) of the session this request's cookie belongs to, when the
 * caller signed in with one; undefined for API-key requests, which have no session.
 */
export function currentSessionId(context: Context<AppEnv>): string | undefined {
  if (context.var.credential !== "cookie") return undefined;
  const token = getCookie(context, sessionCookieName(context.var.platform.config.secureCookies));
  return token ? sha256(token) : undefined;
}
