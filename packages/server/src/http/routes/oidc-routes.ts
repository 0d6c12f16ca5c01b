import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SSO_ATTEMPT_LIFETIME_MS } from "../../auth/oidc/oidc-login.js";
import { SsoError } from "../../auth/oidc/oidc-login-error.js";
import { PlatformError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { sessionCookieName } from "../authenticate.js";
import { sessionClientOf } from "../session-client.js";
import { setSessionCookie } from "../session-cookie.js";

/** The cookie that ties a sign-in at the provider to the browser that started it. */
function attemptCookieName(secure: boolean): string {
  return secure ? "__Host-parlor_sso" : "parlor_sso";
}

function singleSignOn(context: Context<AppEnv>) {
  const { oidc } = context.var.platform;
  if (!oidc) throw new PlatformError("not_found", 404, "Single sign-on is not set up here");
  return oidc;
}

/** Back to the login page, which says in a sentence why the sign-in did not happen. */
function failedSignIn(context: Context<AppEnv>, error: unknown) {
  const code = error instanceof SsoError ? error.code : "failed";
  context.var.platform.logger.warn({ err: error, code }, "single sign-on failed");
  return context.redirect(`/login?sso_error=${code}`, 302);
}

/**
 * Single sign-on with OpenID Connect: which providers the login page offers, the start (off to
 * the provider) and the callback (back with a code, then a session as password login opens).
 */
export const oidcRoutes = new Hono<AppEnv>()
  .get("/providers", (context) => {
    const { oidc } = context.var.platform;
    return context.json({ oidc: oidc ? { name: oidc.name } : null });
  })
  .get("/oidc/start", async (context) => {
    const oidc = singleSignOn(context);
    const { secureCookies } = context.var.platform.config;
    try {
      const { browserToken, url } = await oidc.start(context.req.query("next"));
      setCookie(context, attemptCookieName(secureCookies), browserToken, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET from another site.
        sameSite: "Lax",
        secure: secureCookies,
        path: "/",
        maxAge: SSO_ATTEMPT_LIFETIME_MS / 1000,
      });
      return context.redirect(url.href, 302);
    } catch (error) {
      return failedSignIn(context, error);
    }
  })
  .get("/oidc/callback", async (context) => {
    const oidc = singleSignOn(context);
    const { accounts, config } = context.var.platform;
    const attemptCookie = attemptCookieName(config.secureCookies);
    const browserToken = getCookie(context, attemptCookie);
    deleteCookie(context, attemptCookie, { path: "/", secure: config.secureCookies });
    try {
      const { token, returnTo } = await oidc.finish(
        browserToken,
        new URL(context.req.url).search,
        sessionClientOf(context),
      );
      const previous = getCookie(context, sessionCookieName(config.secureCookies));
      if (previous) await accounts.logOut(previous);
      setSessionCookie(context, token);
      return context.redirect(returnTo, 302);
    } catch (error) {
      return failedSignIn(context, error);
    }
  });
