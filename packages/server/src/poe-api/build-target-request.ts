import { MISSING_ACCESS_KEY, createIdentifier, type QueryRequest } from "@parlor/protocol";
import { randomToken } from "../auth/tokens.js";
import { anonymousUserId } from "../chat/build-query-request.js";

/**
 * The query the target bot receives, made from the caller's body: its messages, tools and
 * tunables stay; empty ids get platform ids; the caller's key is never passed on; and the call
 * gets its own `bot_query_id`, so the target's own calls and costs are tracked apart.
 */
export function buildTargetRequest(
  body: QueryRequest,
  context: { secret: string; userId: string; targetId: string },
): QueryRequest {
  return {
    ...body,
    user_id: body.user_id || anonymousUserId(context.secret, context.userId, context.targetId),
    conversation_id: body.conversation_id || createIdentifier("c"),
    message_id: body.message_id || createIdentifier("m"),
    bot_query_id: randomToken(24),
    access_key: MISSING_ACCESS_KEY,
    api_key: MISSING_ACCESS_KEY,
  };
}
