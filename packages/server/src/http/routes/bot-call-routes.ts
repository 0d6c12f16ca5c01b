import { Hono, type Context } from "hono";
import { authorize } from "../../auth/authorize.js";
import { NotFoundError } from "../../errors.js";
import {
  publicCall,
  publicCallDetails,
  publicLiveCall,
  publicLiveCallDetails,
} from "../../relay/public-call.js";
import { replayCall } from "../../relay/replay-call.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { chargeUserCall } from "../rate-limit.js";
import { liveCallStream } from "./live-call-stream.js";

/**
 * The bot whose call details the caller asks for, if the caller is its owner. A call's request
 * is a user's conversation as the bot received it: the owner saw it already, an admin of someone
 * else's bot must not (conversations are private even to admins), so others get 404.
 */
async function ownedBot(context: Context<AppEnv>) {
  const { bots } = context.var.platform;
  const actor = requireActor(context);
  const bot = await bots.editable(actor, context.req.param("handle") ?? "");
  if (!authorize(actor, "read", { kind: "message", ownerId: bot.owner_id }))
    throw new NotFoundError("Call");
  return { actor, bot };
}

/** The call log for owners: the calls, one call's trace, a running call live, a replay. */
export const botCallRoutes = new Hono<AppEnv>()
  .get("/:handle/calls", async (context) => {
    const { bots, store, callLog, liveCalls, clock } = context.var.platform;
    const bot = await bots.editable(requireActor(context), context.req.param("handle"));
    await callLog.flush();
    const now = clock();
    const running = liveCalls.listForBot(bot.id).map((call) => publicLiveCall(call, now));
    const logged = (await store.botCalls.listForBot(bot.id)).map(publicCall);
    return context.json({ calls: [...running, ...logged] });
  })
  .get("/:handle/calls/:id", async (context) => {
    const { store, callLog, liveCalls, clock } = context.var.platform;
    const { bot } = await ownedBot(context);
    const id = context.req.param("id");
    const live = liveCalls.find(bot.id, id);
    if (live) return context.json(publicLiveCallDetails(live, clock()));
    await callLog.flush();
    const call = await store.botCalls.findForBot(bot.id, id);
    if (!call) throw new NotFoundError("Call");
    return context.json(publicCallDetails(call, await store.botCallDetails.find(call.id)));
  })
  .get("/:handle/calls/:id/live", async (context) => {
    const { bot } = await ownedBot(context);
    const after = Number(context.req.query("after") ?? -1);
    return liveCallStream(
      context,
      bot,
      context.req.param("id"),
      Number.isInteger(after) ? after : -1,
    );
  })
  .post("/:handle/calls/:id/replay", async (context) => {
    const { actor, bot } = await ownedBot(context);
    const platform = context.var.platform;
    const { callId } = await replayCall(platform, {
      bot,
      ownerId: actor.userId,
      callId: context.req.param("id"),
      admit: () => chargeUserCall(platform, "bot_query", { userId: actor.userId, botId: bot.id }),
    });
    return context.json({ call_id: callId }, 202);
  });
