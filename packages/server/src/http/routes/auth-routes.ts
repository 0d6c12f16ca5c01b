import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_LIFETIME_MS } from "../../auth/accounts.js";
import type { AppEnv } from "../app-env.js";
import { requireActor, sessionCookieName } from "../authenticate.js";
import { chargeLoginAttempt } from "../rate-limit.js";
import { readJson, stringField } from "../read-json.js";
import { sessionClientOf } from "../session-client.js";

/** Sign-up, login (a new session cookie each time), logout, and who am I. */
export const authRoutes = new Hono<AppEnv>()
  .post("/signup", async (context) => {
    const body = await readJson(context);
    const user = await context.var.platform.accounts.signUp(
      stringField(body, "email"),
      stringField(body, "password"),
    );
    return context.json({ user }, 201);
  })
  .post("/login", async (context) => {
    const { accounts, config } = context.var.platform;
    const body = await readJson(context);
    const email = stringField(body, "email");
    const password = stringField(body, "password");
    await chargeLoginAttempt(context.var.platform, email);
    const previous = getCookie(context, sessionCookieName(config.secureCookies));
    if (previous) await accounts.logOut(previous);
    const { token, actor } = await accounts.logIn(email, password, sessionClientOf(context));
    setCookie(context, sessionCookieName(config.secureCookies), token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: config.secureCookies,
      path: "/",
      maxAge: SESSION_LIFETIME_MS / 1000,
    });
    return context.json({ user: await context.var.platform.profiles.me(actor.userId) });
  })
  .post("/logout", async (context) => {
    const { accounts, config } = context.var.platform;
    const name = sessionCookieName(config.secureCookies);
    const token = getCookie(context, name);
    if (token) await accounts.logOut(token);
    deleteCookie(context, name, { path: "/", secure: config.secureCookies });
    return context.json({ ok: true });
  })
  .get("/me", async (context) => {
    const actor = requireActor(context);
    return context.json({ user: await context.var.platform.profiles.me(actor.userId) });
  });
