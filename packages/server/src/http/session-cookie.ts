import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { SESSION_LIFETIME_MS } from "../auth/accounts.js";
import type { AppEnv } from "./app-env.js";
import { sessionCookieName } from "./authenticate.js";

/** Sets the session cookie of a new login, password or single sign-on alike. */
export function setSessionCookie(context: Context<AppEnv>, token: string): void {
  const { secureCookies } = context.var.platform.config;
  setCookie(context, sessionCookieName(secureCookies), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secureCookies,
    path: "/",
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
}
