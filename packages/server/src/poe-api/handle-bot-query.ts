import { parseBotRequest, type QueryRequest } from "@parlor/protocol";
import type { Context } from "hono";
import { InvalidRequestError } from "../errors.js";
import type { AppEnv } from "../http/app-env.js";
import { streamClient } from "../http/stream-client.js";
import { readJson } from "../http/read-json.js";
import { authorizeBotCall } from "./authorize-bot-call.js";
import { buildTargetRequest } from "./build-target-request.js";
import { poeReplyStream } from "./poe-reply-stream.js";
import { runBotQuery } from "./run-bot-query.js";
import { requestHeader } from "../http/request-header.js";

/** The body of a bot query: a `query` request, with every field fastapi_poe sends allowed. */
function parseQueryBody(body: Record<string, unknown>): QueryRequest {
  // parseBotRequest reads plain queries without zod: this runs on every bot-to-bot call.
  const parsed = parseBotRequest(body);
  if (parsed.ok && parsed.request.type === "query") return parsed.request;
  const problem = parsed.ok
    ? `type must be "query", not "${parsed.request.type}"`
    : parsed.reason === "invalid"
      ? parsed.message
      : `type must be "query", not "${parsed.type}"`;
  throw new InvalidRequestError(`The body must be a QueryRequest: ${problem}`);
}

/**
 * `POST /bot/<name>`: Poe's bot query API, exactly as fastapi_poe's `stream_request` and
 * `get_bot_response` call it. Refusals are JSON with a clear message; the reply is Poe SSE.
 */
export async function handleBotQuery(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  const body = parseQueryBody(await readJson(context));
  const grant = await authorizeBotCall(platform, {
    authorization: requestHeader(context, "authorization"),
    botQueryId: body.bot_query_id,
    targetHandle: context.req.param("name") ?? "",
  });
  const request = buildTargetRequest(body, {
    secret: platform.config.secret,
    userId: grant.userId,
    targetId: grant.target.id,
    calledByBot: grant.parent !== undefined,
  });
  return poeReplyStream(
    (onEvent, signal) => runBotQuery(platform, { ...grant, request, signal, onEvent }),
    {
      client: streamClient(context),
      onError: (error) =>
        platform.logger.error({ err: error, bot: grant.target.handle }, "bot query failed"),
    },
  );
}
