import { Hono } from "hono";
import { NotFoundError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { imageHeaders } from "../image-headers.js";

/** What signed-in people may see of each other: their avatars. Mounted at `/api/users`. */
export const userRoutes = new Hono<AppEnv>().get("/:id/avatar", async (context) => {
  requireActor(context);
  const id = context.req.param("id");
  const avatar = await context.var.platform.profiles.findAvatar(id);
  if (!avatar) throw new NotFoundError("Avatar");
  return new Response(avatar.bytes, {
    headers: imageHeaders(avatar.content_type, avatar.bytes.byteLength, 300),
  });
});
