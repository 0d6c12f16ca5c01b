import { Hono } from "hono";
import type { AppEnv } from "../app-env.js";
import { readJson } from "../read-json.js";

/**
 * The admin API of model providers (under `/api/admin/models`, admins only): their status and
 * models, adding OpenAI-compatible servers, setting or clearing keys (write-only: answers say
 * `set` or `not set`), switching providers off, and reading every provider's models again.
 */
export const adminModelsRoutes = new Hono<AppEnv>()
  .get("/providers", async (context) =>
    context.json({ providers: await context.var.platform.modelsAdmin.list() }),
  )
  .post("/providers", async (context) => {
    const provider = await context.var.platform.modelsAdmin.addServer(await readJson(context));
    return context.json({ provider }, 201);
  })
  .patch("/providers/:id", async (context) => {
    const { modelsAdmin } = context.var.platform;
    const provider = await modelsAdmin.update(context.req.param("id"), await readJson(context));
    return context.json({ provider });
  })
  .delete("/providers/:id", async (context) => {
    await context.var.platform.modelsAdmin.remove(context.req.param("id"));
    return context.json({ ok: true });
  })
  .post("/refresh", async (context) => {
    const { models, modelsAdmin } = context.var.platform;
    await models.refresh();
    return context.json({ providers: await modelsAdmin.list() });
  });
