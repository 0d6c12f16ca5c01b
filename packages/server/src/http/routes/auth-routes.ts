import { Hono } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import type { AppEnv } from "../app-env.js";
import { requireActor, sessionCookieName } from "../authenticate.js";
import { chargeSignupAttempt } from "../rate-limit.js";
import { readJson, readJsonAs, stringField } from "../read-json.js";
import { setSessionCookie } from "../session-cookie.js";
import { signupSchema } from "./signup-schema.js";
import { sessionClientOf } from "../session-client.js";

/** Sign-up, login (a new session cookie each time), logout, and who am I. */
export const authRoutes = new Hono<AppEnv>()
  .get("/signup-policy", async (context) => {
    const { policy } = await context.var.platform.signupPolicy.current();
    return context.json({ signup_policy: policy });
  })
  .post("/signup", async (context) => {
    const { platform } = context.var;
    await chargeSignupAttempt(platform, platform.clientAddress(context));
    const body = await readJsonAs(context, signupSchema);
    const user = await platform.signups.signUp(body);
    return context.json({ user }, 201);
  })
  .post("/login", async (context) => {
    const { accounts, config, loginThrottle, clientAddress } = context.var.platform;
    const body = await readJson(context);
    const email = stringField(body, "email");
    const password = stringField(body, "password");
    const { token, actor } = await loginThrottle.attempt(
      email,
      clientAddress(context),
      async () => {
        const previous = getCookie(context, sessionCookieName(config.secureCookies));
        if (previous) await accounts.logOut(previous);
        return accounts.logIn(email, password, sessionClientOf(context));
      },
    );
    setSessionCookie(context, token);
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
