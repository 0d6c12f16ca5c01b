import { Hono } from "hono";
import { publicBot } from "../../bots/bots-service.js";
import { authorize, botResource } from "../../auth/authorize.js";
import { botUrlInputSchema } from "../../bots/bot-url-input.js";
import { runConformanceCheck } from "../../bots/conformance-check.js";
import { testBotConnection } from "../../bots/test-bot-connection.js";
import { InvalidRequestError, NotFoundError } from "../../errors.js";
import { parseInput } from "../../parse-input.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { imageHeaders } from "../image-headers.js";
import { readFormFile } from "../read-form-file.js";
import { readJson } from "../read-json.js";

/** Creating and managing bots; settings sync. The call log is in bot-call-routes.ts. */
export const botRoutes = new Hono<AppEnv>()
  .get("/", async (context) => {
    const actor = requireActor(context);
    const { bots, registry } = context.var.platform;
    const listed = await bots.listed(actor);
    return context.json({ bots: listed.map((bot) => publicBot(bot, registry)) });
  })
  .post("/", async (context) => {
    const actor = requireActor(context);
    const { bots, registry } = context.var.platform;
    const { bot, accessKey } = await bots.createServerBot(actor, await readJson(context));
    return context.json({ bot: publicBot(bot, registry), access_key: accessKey }, 201);
  })
  .post("/check", async (context) => {
    requireActor(context);
    const { url, access_key: accessKey } = parseInput(botUrlInputSchema, await readJson(context));
    const { outbound } = context.var.platform;
    return context.json(await runConformanceCheck({ url, accessKey, outbound }));
  })
  .post("/test-connection", async (context) => {
    requireActor(context);
    const input = parseInput(botUrlInputSchema, await readJson(context));
    const { outbound, clock } = context.var.platform;
    return context.json(
      await testBotConnection({ url: input.url, accessKey: input.access_key, outbound, clock }),
    );
  })
  .get("/:handle", async (context) => {
    const actor = requireActor(context);
    const { bots, registry } = context.var.platform;
    return context.json({
      bot: publicBot(await bots.usable(actor, context.req.param("handle")), registry),
    });
  })
  .patch("/:handle", async (context) => {
    const actor = requireActor(context);
    const { bots, registry } = context.var.platform;
    const bot = await bots.update(actor, context.req.param("handle"), await readJson(context));
    return context.json({ bot: publicBot(bot, registry) });
  })
  .delete("/:handle", async (context) => {
    await context.var.platform.bots.remove(requireActor(context), context.req.param("handle"));
    return context.json({ ok: true });
  })
  .get("/:handle/access-key", async (context) => {
    const { bots, registry } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    return context.json({ access_key: bot.kind === "server" ? registry.accessKeyOf(bot) : null });
  })
  .post("/:handle/access-key/rotate", async (context) => {
    const { bots } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    return context.json({ access_key: await bots.rotateAccessKey(bot) });
  })
  .post("/:handle/test-connection", async (context) => {
    const { bots, registry, outbound, clock } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    if (bot.kind !== "server" || !bot.server_url)
      throw new InvalidRequestError(
        "Built-in bots run inside the platform: there is no connection to test",
      );
    const accessKey = registry.accessKeyOf(bot);
    return context.json(
      await testBotConnection({ url: bot.server_url, accessKey, outbound, clock }),
    );
  })
  .get("/:handle/avatar", async (context) => {
    const { store, avatars } = context.var.platform;
    const handle = context.req.param("handle");
    const bot = await store.bots.findByHandle(handle);
    const resource = bot && botResource(bot);
    const avatar =
      resource && authorize(context.var.actor, "read", resource) && (await avatars.find(bot));
    if (!avatar) throw new NotFoundError(`Avatar of bot "${handle}"`);
    return new Response(avatar.bytes, {
      headers: imageHeaders(avatar.content_type, avatar.bytes.byteLength, 300),
    });
  })
  .post("/:handle/avatar", async (context) => {
    const { bots, avatars, registry } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    const file = await readFormFile(context);
    const image = avatars.fromUpload(new Uint8Array(await file.arrayBuffer()));
    return context.json({ bot: publicBot(await avatars.save(bot, image), registry) });
  })
  .delete("/:handle/avatar", async (context) => {
    const { bots, avatars, registry } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    return context.json({ bot: publicBot(await avatars.remove(bot), registry) });
  })
  .post("/:handle/sync", async (context) => {
    const { bots, registry } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    return context.json({ bot: publicBot(await bots.syncSettings(bot), registry) });
  });
