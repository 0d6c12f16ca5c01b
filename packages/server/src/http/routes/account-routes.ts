import { Hono, type Context } from "hono";
import { deleteCookie } from "hono/cookie";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "../../auth/password-rules.js";
import { NotFoundError, RateLimitedError } from "../../errors.js";
import type { ListedSession } from "../../store/sessions-store.js";
import type { AppEnv } from "../app-env.js";
import { requireActor, sessionCookieName } from "../authenticate.js";
import { readFormFile } from "../read-form-file.js";
import { readJsonAs } from "../read-json.js";
import { currentSessionId } from "../session-client.js";

/** A password as a body carries it: longer ones are refused before they are hashed. */
const password = z.string().max(MAX_PASSWORD_LENGTH);
const profileSchema = z.strictObject({ display_name: z.string().max(1024).nullable() });
const passwordChangeSchema = z.strictObject({
  current_password: password,
  new_password: z.string().max(10 * 1024),
});
const deletionSchema = z.strictObject({
  password: password.optional(),
  confirm: z.string().max(1024).optional(),
});

/** A session as its owner sees it: its public id, never the token's hash. */
function listedSession(session: ListedSession, currentId: string | undefined) {
  return {
    id: session.public_id,
    created_at: session.created_at,
    last_seen_at: session.last_seen_at,
    expires_at: session.expires_at,
    user_agent: session.user_agent,
    client_address: session.client_address,
    current: session.token_hash === currentId,
  };
}

/**
 * Counts a check of the account's own password (changing it, deleting the account) against the
 * login limit, so a stolen session cannot be used to guess it faster than a login could.
 */
async function chargePasswordCheck(context: Context<AppEnv>, userId: string): Promise<void> {
  const { rateLimiter, config } = context.var.platform;
  const limit = config.rateLimits.loginsPerMinute;
  const decision = await rateLimiter.take(`password-check:user:${userId}`, limit);
  if (!decision.allowed)
    throw new RateLimitedError(
      `Too many password checks for this account: at most ${limit} a minute`,
      decision.retryAfterSeconds,
    );
}

/** Clears the session cookie: the session it named is gone. */
function clearSessionCookie(context: Context<AppEnv>): void {
  const { secureCookies } = context.var.platform.config;
  deleteCookie(context, sessionCookieName(secureCookies), { path: "/", secure: secureCookies });
}

/**
 * The signed-in person's own account: display name and avatar, password, sessions, and
 * deleting it all. Mounted at `/api/account`.
 */
export const accountRoutes = new Hono<AppEnv>()
  .patch("/", async (context) => {
    const actor = requireActor(context);
    const { display_name: displayName } = await readJsonAs(context, profileSchema);
    const user = await context.var.platform.profiles.rename(actor.userId, displayName);
    return context.json({ user });
  })
  .delete("/", async (context) => {
    const actor = requireActor(context);
    const confirmation = await readJsonAs(context, deletionSchema);
    await chargePasswordCheck(context, actor.userId);
    await context.var.platform.accountDeletion.deleteOwn(actor, confirmation);
    clearSessionCookie(context);
    return context.json({ ok: true });
  })
  .post("/avatar", async (context) => {
    const actor = requireActor(context);
    const file = await readFormFile(context);
    const user = await context.var.platform.profiles.setAvatar(
      actor.userId,
      new Uint8Array(await file.arrayBuffer()),
    );
    return context.json({ user });
  })
  .delete("/avatar", async (context) => {
    const user = await context.var.platform.profiles.removeAvatar(requireActor(context).userId);
    return context.json({ user });
  })
  .post("/password", async (context) => {
    const actor = requireActor(context);
    const body = await readJsonAs(context, passwordChangeSchema);
    await chargePasswordCheck(context, actor.userId);
    await context.var.platform.passwords.change(
      actor,
      { currentPassword: body.current_password, newPassword: body.new_password },
      currentSessionId(context),
    );
    return context.json({ ok: true });
  })
  .get("/sessions", async (context) => {
    const { store, clock } = context.var.platform;
    const sessions = await store.sessions.listForUser(requireActor(context).userId, clock());
    const currentId = currentSessionId(context);
    return context.json({ sessions: sessions.map((row) => listedSession(row, currentId)) });
  })
  .post("/sessions/end-others", async (context) => {
    const { store } = context.var.platform;
    const actor = requireActor(context);
    const ended = await store.sessions.deleteAllForUser(actor.userId, currentSessionId(context));
    return context.json({ ok: true, ended });
  })
  .delete("/sessions/:id", async (context) => {
    const { store, clock } = context.var.platform;
    const actor = requireActor(context);
    const id = context.req.param("id");
    const currentId = currentSessionId(context);
    const ending = (await store.sessions.listForUser(actor.userId, clock())).find(
      (session) => session.public_id === id,
    );
    if (!ending || !(await store.sessions.deleteForUser(actor.userId, id)))
      throw new NotFoundError("Session");
    if (ending.token_hash === currentId) clearSessionCookie(context);
    return context.json({ ok: true });
  });
