import { createIdentifier } from "@parlor/protocol";
import type { Context } from "hono";
import { randomToken } from "../auth/tokens.js";
import { anonymousUserId } from "../chat/build-query-request.js";
import type { AppEnv } from "../http/app-env.js";
import { streamClient } from "../http/stream-client.js";
import { chargeUserCall } from "../http/rate-limit.js";
import { asOpenAIQuotaError } from "../usage/openai-quota-error.js";
import { readJson } from "../http/read-json.js";
import { runBotQuery } from "../poe-api/run-bot-query.js";
import { parseChatCompletionRequest } from "./chat-completion-request.js";
import { completeChat, type ReplyRun } from "./chat-completion.js";
import { streamChat } from "./chat-completion-stream.js";
import { modelFor } from "./model-for.js";
import { requireApiKey } from "./require-api-key.js";
import { toQueryRequest } from "./to-query-request.js";
import { usageCounter } from "./usage/reply-usage.js";

/**
 * `POST /v1/chat/completions`: any bot the key's user may use, as an OpenAI model (`model` is
 * the handle). Each call is a fresh conversation; the bot runs with the same rules, limits and
 * call log as in chat, and as a server bot it may call the bots it declared.
 */
export async function handleChatCompletion(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  const actor = await requireApiKey(context);
  platform.drain.admit();
  const body = parseChatCompletionRequest(await readJson(context));
  const target = await modelFor(platform, actor, body.model);
  await chargeUserCall(platform, "bot_query", { userId: actor.userId, botId: target.id }).catch(
    asOpenAIQuotaError,
  );
  const request = toQueryRequest(body, {
    userId: anonymousUserId(platform.config.secret, actor.userId, target.id),
    conversationId: createIdentifier("c"),
    messageId: createIdentifier("m"),
    botQueryId: randomToken(24),
  });
  const run: ReplyRun = (onEvent, signal) =>
    runBotQuery(platform, {
      target,
      request,
      userId: actor.userId,
      parent: undefined,
      signal,
      onEvent,
    });
  const identity = {
    id: `chatcmpl-${randomToken(18)}`,
    created: Math.floor(platform.clock() / 1000),
    model: target.handle,
  };
  const toolsRequested = Boolean(request.tools?.length);
  if (body.stream) {
    return streamChat(run, identity, {
      toolsRequested,
      usageOf: body.stream_options?.include_usage ? usageCounter(body) : undefined,
      client: streamClient(context),
      onError: (error) =>
        platform.logger.error({ err: error, bot: target.handle }, "chat completion failed"),
    });
  }
  return context.json(
    await completeChat(run, identity, {
      toolsRequested,
      signal: context.req.raw.signal,
      usageOf: usageCounter(body),
    }),
  );
}
