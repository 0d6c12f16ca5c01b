import { basesOf } from "../../prompt-bots/prompt-view.js";
import type { BotRow } from "../../store/bots-store.js";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { authorize } from "../../auth/authorize.js";
import { publicBot } from "../../bots/bots-service.js";
import type { BotRegistry } from "../../bots/bot-registry.js";
import type { BotWithOwner } from "../../store/bots-store.js";
import { accountStatus, type UserRow } from "../../store/users-store.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { readListQuery, readQueryAs } from "../list-query.js";
import { noSuchRoute } from "../no-such-route.js";
import { nextCursor } from "../page-cursor.js";
import { readJsonAs } from "../read-json.js";
import { handleAdminStatus } from "./admin-status-route.js";
import { adminSettingsRoutes } from "./admin-settings-routes.js";
import { adminModelsRoutes } from "./admin-models-routes.js";
import { adminUsageRoutes } from "./admin-usage-routes.js";
import { adminCorsRoutes } from "./admin-cors-routes.js";

const userChangesSchema = z.strictObject({
  disabled: z.boolean().optional(),
  role: z.enum(["admin", "user"]).optional(),
  approved: z.literal(true).optional(),
});
const statusQuerySchema = z.object({
  status: z.enum(["active", "pending", "disabled"]).optional(),
});
const botChangesSchema = z.strictObject({ hidden: z.boolean() });
const passwordResetSchema = z.strictObject({ password: z.string().max(10 * 1024) });

/** An account as admins see it. */
function adminUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    created_at: user.created_at,
    disabled_at: user.disabled_at,
    status: accountStatus(user),
  };
}

/** A bot as admins see it: as everyone does, and whose it is. */
function adminBot(bot: BotWithOwner, registry: BotRegistry, bases: ReadonlyMap<string, BotRow>) {
  return { ...publicBot(bot, registry, { bases, canEdit: true }), owner_email: bot.owner_email };
}

/**
 * Anyone but an admin, signed in or not, gets the 404 of a route that does not exist, before
 * anything else is looked at: the admin API is not there for them.
 */
const adminsOnly = createMiddleware<AppEnv>(async (context, next) => {
  const actor = context.var.actor;
  if (!actor || !authorize(actor, "administer", { kind: "platform" })) throw noSuchRoute(context);
  await next();
});

/** The admin API: accounts (disable, role, approve), every bot (hide), sign-up and invites. */
export const adminRoutes = new Hono<AppEnv>()
  .use(adminsOnly)
  .get("/status", handleAdminStatus)
  .route("/", adminSettingsRoutes)
  .route("/models", adminModelsRoutes)
  .route("/", adminUsageRoutes)
  .route("/", adminCorsRoutes)
  .get("/users", async (context) => {
    const { search, ...page } = readListQuery(context, 50);
    const { status } = readQueryAs(context, statusQuerySchema);
    const listed = await context.var.platform.admin.listUsers(requireActor(context), {
      ...page,
      emailContains: search,
      status,
    });
    return context.json({ users: listed.rows.map(adminUser), next_cursor: nextCursor(listed) });
  })
  .patch("/users/:id", async (context) => {
    const changes = await readJsonAs(context, userChangesSchema);
    const user = await context.var.platform.admin.updateUser(
      requireActor(context),
      context.req.param("id"),
      changes,
    );
    return context.json({ user: adminUser(user) });
  })
  .delete("/users/:id", async (context) => {
    const { accountDeletion } = context.var.platform;
    await accountDeletion.deleteByAdmin(requireActor(context), context.req.param("id"));
    return context.json({ ok: true });
  })
  .post("/users/:id/password", async (context) => {
    const { password } = await readJsonAs(context, passwordResetSchema);
    await context.var.platform.passwords.reset(context.req.param("id"), password);
    return context.json({ ok: true });
  })
  .get("/bots", async (context) => {
    const { search, ...page } = readListQuery(context, 50);
    const { admin, registry, store } = context.var.platform;
    const listed = await admin.listBots(requireActor(context), { ...page, contains: search });
    const bases = await basesOf(store, listed.rows);
    return context.json({
      bots: listed.rows.map((bot) => adminBot(bot, registry, bases)),
      next_cursor: nextCursor(listed),
    });
  })
  .patch("/bots/:handle", async (context) => {
    const { hidden } = await readJsonAs(context, botChangesSchema);
    const { admin, registry, store } = context.var.platform;
    const bot = await admin.setBotHidden(
      requireActor(context),
      context.req.param("handle"),
      hidden,
    );
    return context.json({ bot: adminBot(bot, registry, await basesOf(store, [bot])) });
  });
