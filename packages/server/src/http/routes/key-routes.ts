import { Hono } from "hono";
import { NotFoundError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { z } from "zod";
import { TEXT_LIMITS } from "../../input/text-limits.js";
import { userText } from "../../input/user-text.js";
import { readJsonAs } from "../read-json.js";

/** `POST /api/keys`: no body, `{}`, or a name to tell the key apart by. */
const createKeySchema = z.strictObject({
  name: userText(TEXT_LIMITS.apiKeyName).trim().optional(),
});

/** User API keys: created (shown once), listed without secrets, revoked. */
export const keyRoutes = new Hono<AppEnv>()
  .get("/", async (context) => {
    const actor = requireActor(context);
    const keys = await context.var.platform.accounts.listApiKeys(actor.userId);
    return context.json({
      keys: keys.map(({ key_hash: _hash, ...key }) => key),
    });
  })
  .post("/", async (context) => {
    const actor = requireActor(context);
    const { name } = await readJsonAs(context, createKeySchema, { emptyIsObject: true });
    const created = await context.var.platform.accounts.createApiKey(
      actor.userId,
      name || "API key",
    );
    return context.json({ ...created, note: "Store this key now: it is not shown again." }, 201);
  })
  .delete("/:id", async (context) => {
    const actor = requireActor(context);
    const revoked = await context.var.platform.accounts.revokeApiKey(
      actor.userId,
      context.req.param("id"),
    );
    if (!revoked) throw new NotFoundError("API key");
    return context.json({ ok: true });
  });
