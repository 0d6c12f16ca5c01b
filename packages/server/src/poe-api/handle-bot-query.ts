import { queryRequestSchema, type QueryRequest } from "@parlor/protocol";
import type { Context } from "hono";
import { z } from "zod";
import { InvalidRequestError } from "../errors.js";
import type { AppEnv } from "../http/app-env.js";
import { readJson } from "../http/read-json.js";
import { authorizeBotCall } from "./authorize-bot-call.js";
import { buildTargetRequest } from "./build-target-request.js";
import { poeReplyStream } from "./poe-reply-stream.js";
import { runBotQuery } from "./run-bot-query.js";

/** The body of a bot query: a `query` request, with every field fastapi_poe sends allowed. */
function parseQueryBody(body: Record<string, unknown>): QueryRequest {
  const parsed = queryRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidRequestError(
      `The body must be a QueryRequest: ${z.prettifyError(parsed.error).replaceAll("\n", " ")}`,
    );
  }
  return parsed.data;
}

/**
 * `POST /bot/<name>`: Poe's bot query API, exactly as fastapi_poe's `stream_request` and
 * `get_bot_response` call it. Refusals are JSON with a clear message; the reply is Poe SSE.
 */
export async function handleBotQuery(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  const body = parseQueryBody(await readJson(context));
  const grant = await authorizeBotCall(platform, {
    authorization: context.req.header("authorization"),
    botQueryId: body.bot_query_id,
    targetHandle: context.req.param("name") ?? "",
  });
  const request = buildTargetRequest(body, {
    secret: platform.config.secret,
    userId: grant.userId,
    targetId: grant.target.id,
  });
  return poeReplyStream(
    (onEvent, signal) => runBotQuery(platform, { ...grant, request, signal, onEvent }),
    {
      requestSignal: context.req.raw.signal,
      onError: (error) =>
        platform.logger.error({ err: error, bot: grant.target.handle }, "bot query failed"),
    },
  );
}
