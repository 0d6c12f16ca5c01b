import { Hono } from "hono";
import { z } from "zod";
import { MAX_CORS_ORIGINS, type CorsOriginsSetting } from "../../openai-api/cors/cors-origins.js";
import type { AppEnv } from "../app-env.js";
import { readJsonAs } from "../read-json.js";

const corsChangesSchema = z.strictObject({
  origins: z.array(z.string().max(2048)).max(MAX_CORS_ORIGINS),
});

function corsOf(setting: CorsOriginsSetting) {
  return { cors: { origins: setting.admin, environment_origins: setting.environment } };
}

/**
 * The browser origins that may call `/v1`: those set by `PARLOR_CORS_ORIGINS` (read-only here)
 * and the admin's own list, replaced whole. Mounted inside the admin API, behind its
 * admins-only check.
 */
export const adminCorsRoutes = new Hono<AppEnv>()
  .get("/cors", async (context) =>
    context.json(corsOf(await context.var.platform.corsOrigins.current())),
  )
  .put("/cors", async (context) => {
    const { origins } = await readJsonAs(context, corsChangesSchema);
    return context.json(corsOf(await context.var.platform.corsOrigins.set(origins)));
  });
