import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context } from "hono";
import type { Platform } from "../../platform.js";
import type { MessageRow } from "../../store/messages-store.js";
import type { AppEnv } from "../app-env.js";
import { nodeBindings } from "../node-bindings.js";
import { fileUrlTextsOf } from "./public-message.js";
import { requestHeader } from "../request-header.js";
import {
  GENERATION_STREAM_HEADERS,
  NodeSseWriter,
  attachToGeneration,
  generationStream,
} from "./generation-stream.js";

/** Whether a send asks for its reply's stream in the same response (`Accept: text/event-stream`). */
export function wantsEventStream(context: Context<AppEnv>): boolean {
  return requestHeader(context, "accept")?.includes("text/event-stream") ?? false;
}

/** The handle of the bot a mention chose to write a reply; undefined for the conversation's. */
export async function replyBotHandle(
  platform: Pick<Platform, "store">,
  reply: MessageRow,
): Promise<string | undefined> {
  return reply.bot_id === null
    ? undefined
    : (await platform.store.bots.findById(reply.bot_id))?.handle;
}

/**
 * The headers that tell a client which messages a one-request send created, which bot a
 * mention chose to answer (`X-Parlor-Reply-Bot`, its handle; absent for the conversation's),
 * and where to resume the stream (`Content-Location`, with `Last-Event-ID`) if it drops.
 */
export function sentMessageHeaders(
  botMessageId: string,
  userMessageId?: string,
  replyBotHandle?: string,
) {
  return {
    "content-location": `/api/messages/${botMessageId}/stream`,
    "x-parlor-bot-message-id": botMessageId,
    ...(userMessageId ? { "x-parlor-user-message-id": userMessageId } : {}),
    ...(replyBotHandle ? { "x-parlor-reply-bot": replyBotHandle } : {}),
  };
}

/**
 * Answers with a reply's live stream from the event after `afterId`. Under Node the SSE text
 * goes straight to the socket, with no web stream per client; elsewhere it is a web `Response`.
 */
export async function respondWithGeneration(
  context: Context<AppEnv>,
  message: MessageRow,
  afterId: number,
  headers?: Record<string, string>,
): Promise<Response> {
  const { log, store, fileUrlRenewer } = context.var.platform;
  const renewFileUrls = await fileUrlRenewer(message.conversation_id, fileUrlTextsOf([message]));
  const deps = { log, store, renewFileUrls };
  const { outgoing } = nodeBindings(context);
  if (!outgoing) {
    const response = generationStream(deps, message, afterId);
    for (const [name, value] of Object.entries(headers ?? {})) response.headers.set(name, value);
    return response;
  }
  outgoing.writeHead(
    200,
    headers ? { ...GENERATION_STREAM_HEADERS, ...headers } : GENERATION_STREAM_HEADERS,
  );
  outgoing.flushHeaders();
  const detach = attachToGeneration(deps, message, afterId, new NodeSseWriter(outgoing));
  outgoing.on("close", detach);
  return RESPONSE_ALREADY_SENT;
}
