import { Hono } from "hono";
import { z } from "zod";
import type { SignupPolicySetting } from "../../auth/signup-policy.js";
import { SIGNUP_POLICIES } from "../../config/config.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { readJsonAs } from "../read-json.js";

const settingsChangesSchema = z.strictObject({ signup_policy: z.enum(SIGNUP_POLICIES) });

/** The longest an invite lasts: a month. */
const MAX_INVITE_HOURS = 720;
const inviteSchema = z.strictObject({
  expires_in_hours: z.number().int().min(1).max(MAX_INVITE_HOURS).default(168),
  email: z.email().max(320).optional(),
});

function settingsOf(setting: SignupPolicySetting) {
  return { settings: { signup_policy: setting.policy, signup_policy_source: setting.source } };
}

/**
 * The admin's sign-up controls: the policy (unless `PARLOR_SIGNUP` pins it) and invites.
 * Mounted inside the admin API, behind its admins-only check.
 */
export const adminSettingsRoutes = new Hono<AppEnv>()
  .get("/settings", async (context) =>
    context.json(settingsOf(await context.var.platform.signupPolicy.current())),
  )
  .patch("/settings", async (context) => {
    const changes = await readJsonAs(context, settingsChangesSchema);
    return context.json(
      settingsOf(await context.var.platform.signupPolicy.set(changes.signup_policy)),
    );
  })
  .post("/invites", async (context) => {
    const body = await readJsonAs(context, inviteSchema);
    const { invites, config } = context.var.platform;
    const invite = await invites.create(requireActor(context).userId, {
      expiresInHours: body.expires_in_hours,
      email: body.email,
      baseUrl: config.publicUrl ?? new URL(context.req.url).origin,
    });
    return context.json({ invite }, 201);
  })
  .get("/invites", async (context) =>
    context.json({ invites: await context.var.platform.invites.list() }),
  )
  .delete("/invites/:id", async (context) => {
    await context.var.platform.invites.revoke(context.req.param("id"));
    return context.json({ ok: true });
  });
