import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { Hono } from "hono";
import { z } from "zod";
import { InvalidRequestError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { nodeBindings } from "../node-bindings.js";
import { admitMessageWithinRateLimits } from "../rate-limit.js";
import { readJson } from "../read-json.js";
import { publicMessage } from "./conversation-routes.js";
import {
  GENERATION_STREAM_HEADERS,
  NodeSseWriter,
  attachToGeneration,
  generationStream,
} from "./generation-stream.js";
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
    const { chat, log, store, renewFileUrls } = context.var.platform;
    const { message } = await chat.ownMessage(requireActor(context), context.req.param("id"));
    const resumeFrom = requestHeader(context, "last-event-id") ?? context.req.query("after") ?? "0";
    const afterId = Number.parseInt(resumeFrom, 10);
    const after = Number.isFinite(afterId) && afterId > 0 ? afterId : 0;
    const { outgoing } = nodeBindings(context);
    if (!outgoing) return generationStream({ log, store, renewFileUrls }, message, after);
    // Under Node, write SSE text straight to the socket: no web stream per client.
    outgoing.writeHead(200, GENERATION_STREAM_HEADERS);
    outgoing.flushHeaders();
    const detach = attachToGeneration(
      { log, store, renewFileUrls },
      message,
      after,
      new NodeSseWriter(outgoing),
    );
    outgoing.on("close", detach);
    return RESPONSE_ALREADY_SENT;
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
