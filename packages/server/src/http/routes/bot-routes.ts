import { Hono, type Context } from "hono";
import { basesOf } from "../../prompt-bots/prompt-view.js";
import type { BotRow } from "../../store/bots-store.js";
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

/** One bot as the API shows it to the signed-in actor (its prompt if they may edit it). */
async function shownBot(context: Context<AppEnv>, bot: BotRow) {
  const { store, registry } = context.var.platform;
  const actor = requireActor(context);
  return publicBot(bot, registry, {
    bases: await basesOf(store, [bot]),
    canEdit: authorize(actor, "write", botResource(bot)),
  });
}

/** Creating and managing bots; settings sync. The call log is in bot-call-routes.ts. */
export const botRoutes = new Hono<AppEnv>()
  .get("/", async (context) => {
    const actor = requireActor(context);
    const { bots, registry } = context.var.platform;
    const listed = await bots.listed(actor);
    const bases = await basesOf(context.var.platform.store, listed);
    return context.json({
      bots: listed.map((bot) =>
        publicBot(bot, registry, { bases, canEdit: authorize(actor, "write", botResource(bot)) }),
      ),
    });
  })
  .post("/", async (context) => {
    const actor = requireActor(context);
    const { bots } = context.var.platform;
    const input = await readJson(context);
    if (input.kind === "prompt") {
      const bot = await bots.createPromptBot(actor, input);
      return context.json({ bot: await shownBot(context, bot), access_key: null }, 201);
    }
    const { bot, accessKey } = await bots.createServerBot(actor, input);
    return context.json({ bot: await shownBot(context, bot), access_key: accessKey }, 201);
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
    const { bots } = context.var.platform;
    return context.json({
      bot: await shownBot(context, await bots.usable(actor, context.req.param("handle"))),
    });
  })
  .patch("/:handle", async (context) => {
    const actor = requireActor(context);
    const { bots } = context.var.platform;
    const bot = await bots.update(actor, context.req.param("handle"), await readJson(context));
    return context.json({ bot: await shownBot(context, bot) });
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
    const { bots, avatars } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    const file = await readFormFile(context);
    const image = avatars.fromUpload(new Uint8Array(await file.arrayBuffer()));
    return context.json({ bot: await shownBot(context, await avatars.save(bot, image)) });
  })
  .delete("/:handle/avatar", async (context) => {
    const { bots, avatars } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    return context.json({ bot: await shownBot(context, await avatars.remove(bot)) });
  })
  .post("/:handle/sync", async (context) => {
    const { bots } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    return context.json({ bot: await shownBot(context, await bots.syncSettings(bot)) });
  });
