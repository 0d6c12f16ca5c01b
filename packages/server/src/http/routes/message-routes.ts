import { Hono } from "hono";
import { z } from "zod";
import { InvalidRequestError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { admitMessageWithinRateLimits } from "../rate-limit.js";
import { readJson } from "../read-json.js";
import { publicMessage } from "./public-message.js";
import {
  respondWithGeneration,
  sentMessageHeaders,
  wantsEventStream,
} from "./generation-response.js";
import { requestHeader } from "../request-header.js";

const feedbackSchema = z.object({ type: z.enum(["like", "dislike"]) });
const reactionSchema = z.object({ reaction: z.string().min(1).max(32) });

/** One message: its live stream, stop, regenerate, feedback and reactions. */
export const messageRoutes = new Hono<AppEnv>()
  .get("/:id", async (context) => {
    const { message } = await context.var.platform.chat.ownMessage(
      requireActor(context),
      context.req.param("id"),
    );
    return context.json({ message: publicMessage(message, context.var.platform.renewFileUrls) });
  })
  .get("/:id/stream", async (context) => {
    const { message } = await context.var.platform.chat.ownMessage(
      requireActor(context),
      context.req.param("id"),
    );
    const resumeFrom = requestHeader(context, "last-event-id") ?? context.req.query("after") ?? "0";
    const afterId = Number.parseInt(resumeFrom, 10);
    return respondWithGeneration(
      context,
      message,
      Number.isFinite(afterId) && afterId > 0 ? afterId : 0,
    );
  })
  .post("/:id/stop", async (context) => {
    const stopped = await context.var.platform.chat.stop(
      requireActor(context),
      context.req.param("id"),
    );
    return context.json({ stopped });
  })
  .post("/:id/regenerate", async (context) => {
    const actor = requireActor(context);
    const botMessage = await context.var.platform.chat.regenerate(
      actor,
      context.req.param("id"),
      admitMessageWithinRateLimits(context.var.platform, actor.userId),
    );
    if (wantsEventStream(context))
      return respondWithGeneration(context, botMessage, 0, sentMessageHeaders(botMessage.id));
    return context.json(
      {
        bot_message: publicMessage(botMessage, context.var.platform.renewFileUrls),
        stream_url: `/api/messages/${botMessage.id}/stream`,
      },
      202,
    );
  })
  .post("/:id/feedback", async (context) => {
    const parsed = feedbackSchema.safeParse(await readJson(context));
    if (!parsed.success) throw new InvalidRequestError('type: "like" or "dislike"');
    await context.var.platform.feedback.feedback(
      requireActor(context),
      context.req.param("id"),
      parsed.data.type,
    );
    return context.json({ ok: true });
  })
  .post("/:id/reaction", async (context) => {
    const parsed = reactionSchema.safeParse(await readJson(context));
    if (!parsed.success) throw new InvalidRequestError("reaction: required, a short string");
    await context.var.platform.feedback.reaction(
      requireActor(context),
      context.req.param("id"),
      parsed.data.reaction,
    );
    return context.json({ ok: true });
  });
