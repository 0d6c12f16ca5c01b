import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { admitMessageWithinRateLimits } from "../rate-limit.js";
import { readJsonAs } from "../read-json.js";
import { TEXT_LIMITS } from "../../input/text-limits.js";
import { userText } from "../../input/user-text.js";
import { publicMessages } from "./public-message.js";
import {
  replyBotHandle,
  respondWithGeneration,
  sentMessageHeaders,
  wantsEventStream,
} from "./generation-response.js";
import { requestHeader } from "../request-header.js";

const feedbackSchema = z.strictObject({ type: z.enum(["like", "dislike"]) });
const reactionSchema = z.strictObject({ reaction: userText(TEXT_LIMITS.reaction).min(1) });

/** One message: its live stream, stop, regenerate, feedback and reactions. */
export const messageRoutes = new Hono<AppEnv>()
  .get("/:id", async (context) => {
    const { message } = await context.var.platform.chat.ownMessage(
      requireActor(context),
      context.req.param("id"),
    );
    const [shown] = await publicMessages(context.var.platform, message.conversation_id, [message]);
    return context.json({ message: shown });
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
    if (wantsEventStream(context)) {
      const handle = await replyBotHandle(context.var.platform, botMessage);
      const headers = sentMessageHeaders(botMessage.id, undefined, handle);
      return respondWithGeneration(context, botMessage, 0, headers);
    }
    const [shown] = await publicMessages(context.var.platform, botMessage.conversation_id, [
      botMessage,
    ]);
    return context.json(
      {
        bot_message: shown,
        stream_url: `/api/messages/${botMessage.id}/stream`,
      },
      202,
    );
  })
  .post("/:id/feedback", async (context) => {
    const { type } = await readJsonAs(context, feedbackSchema);
    await context.var.platform.feedback.feedback(
      requireActor(context),
      context.req.param("id"),
      type,
    );
    return context.json({ ok: true });
  })
  .post("/:id/reaction", async (context) => {
    const { reaction } = await readJsonAs(context, reactionSchema);
    await context.var.platform.feedback.reaction(
      requireActor(context),
      context.req.param("id"),
      reaction,
    );
    return context.json({ ok: true });
  });
