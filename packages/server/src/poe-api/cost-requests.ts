import { costItemSchema, encodeSseEvent } from "@parlor/protocol";
import type { Context } from "hono";
import { z } from "zod";
import { randomId } from "../auth/tokens.js";
import { PlatformError, UnauthenticatedError } from "../errors.js";
import type { AppEnv } from "../http/app-env.js";
import { readJson } from "../http/read-json.js";
import { parseInput } from "../parse-input.js";
import { isAccessKeyOf } from "./is-access-key-of.js";

const costBodySchema = z.object({
  amounts: z.union([z.array(costItemSchema).min(1), costItemSchema.transform((item) => [item])]),
  access_key: z.string().min(1),
});

/**
 * `POST /bot/cost/<bot_query_id>/authorize|capture`: a bot charging the user it is answering.
 * Recorded per message; answered as fastapi_poe reads it, an SSE `result` event.
 */
export async function handleCostRequest(
  context: Context<AppEnv>,
  kind: "authorize" | "capture",
): Promise<Response> {
  const platform = context.var.platform;
  const botQueryId = context.req.param("botQueryId") ?? "";
  const body = parseInput(costBodySchema, await readJson(context));
  const live = await platform.liveQueries.get(botQueryId);
  if (!live) {
    throw new PlatformError(
      "unknown_bot_query",
      404,
      `No query '${botQueryId}' is being answered now: costs can be ${kind}d only while the bot answers that query`,
    );
  }
  const bot = await platform.store.bots.findById(live.botId);
  if (!isAccessKeyOf(platform.registry, bot, body.access_key)) {
    throw new UnauthenticatedError(`Invalid access key for bot '${live.botHandle}'`);
  }
  await platform.store.costRequests.insert({
    id: randomId("cost"),
    bot_query_id: botQueryId,
    message_id: live.messageId,
    bot_id: live.botId,
    kind,
    amounts_json: JSON.stringify(body.amounts),
    created_at: platform.clock(),
  });
  return context.body(encodeSseEvent({ event: "result", data: { status: "success" } }), 200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
  });
}
