import { MISSING_ACCESS_KEY, createIdentifier, type QueryRequest } from "@parlor/protocol";
import { randomToken } from "../auth/tokens.js";
import { anonymousUserId } from "../chat/build-query-request.js";

/**
 * The query the target bot receives, made from the caller's body: its messages, tools and
 * tunables stay; empty ids get platform ids; the caller's key is never passed on; and the call
 * gets its own `bot_query_id`, so the target's own calls and costs are tracked apart.
 *
 * When a bot calls, every message loses its `metadata`: the platform stored it from the caller's
 * own `data` events, for the caller only. None can be the target's, since a conversation has one
 * bot and replies to bot calls are not stored. A user's own body is passed on as it is.
 */
export function buildTargetRequest(
  body: QueryRequest,
  context: { secret: string; userId: string; targetId: string; calledByBot: boolean },
): QueryRequest {
  return {
    ...body,
    query: context.calledByBot
      ? body.query.map((message) => ({ ...message, metadata: null }))
      : body.query,
    user_id: body.user_id || anonymousUserId(context.secret, context.userId, context.targetId),
    conversation_id: body.conversation_id || createIdentifier("c"),
    message_id: body.message_id || createIdentifier("m"),
    bot_query_id: randomToken(24),
    access_key: MISSING_ACCESS_KEY,
    api_key: MISSING_ACCESS_KEY,
  };
}
