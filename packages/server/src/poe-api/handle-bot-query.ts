import { parseBotRequest, queryRequestSchema, type QueryRequest } from "@parlor/protocol";
import type { Context } from "hono";
import { invalidField } from "../errors.js";
import { parseInput } from "../parse-input.js";
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
  // A malformed query is parsed again only to say in plain words what is wrong with it.
  if (body.type === "query") parseInput(queryRequestSchema, body);
  throw invalidField("type", 'type must be "query": this route runs a query on a bot');
}

/**
 * `POST /bot/<name>`: Poe's bot query API, exactly as fastapi_poe's `stream_request` and
 * `get_bot_response` call it. Refusals are JSON with a clear message; the reply is Poe SSE.
 */
export async function handleBotQuery(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  // Before the stream starts, so a draining instance answers a plain 503.
  platform.drain.admit();
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
