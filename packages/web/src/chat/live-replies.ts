import type { QueryClient } from "@tanstack/react-query";
import {
  conversationKey,
  refreshConversationList,
  type ConversationWithMessages,
} from "../api/conversations.js";
import { followReplyStream, type ReplyEvent } from "../api/reply-stream.js";
import type { Message } from "../api/types.js";
import { createThrottledFlush } from "./throttled-flush.js";

/** What the stream has said of a reply so far; it wins over any stored checkpoint. */
type LiveReply = Pick<
  Message,
  "content" | "status" | "error" | "suggested_replies" | "files" | "allow_retry" | "usage"
> & { started: boolean };

interface Follower {
  conversationId: string;
  reply: LiveReply;
  abort: AbortController;
}

// Per query client rather than a module singleton, so each app (and test) has its own.
const followersByClient = new WeakMap<QueryClient, Map<string, Follower>>();
// Replies that ended here, kept so a fetch that started before the end cannot bring them back
// as `streaming` (and nothing would follow them again).
const finishedByClient = new WeakMap<QueryClient, Map<string, LiveReply>>();

const mapOf = <T>(maps: WeakMap<QueryClient, Map<string, T>>, client: QueryClient) => {
  let map = maps.get(client);
  if (!map) {
    map = new Map<string, T>();
    maps.set(client, map);
  }
  return map;
};
const followersOf = (client: QueryClient) => mapOf(followersByClient, client);

/** True while this tab follows the reply `botMessageId`. */
export const isFollowing = (client: QueryClient, botMessageId: string) =>
  followersOf(client).has(botMessageId);

/** How often a streaming reply is rendered at most: 10 times a second still reads as a stream. */
const FLUSH_INTERVAL_MS = 100;

/**
 * Follows a reply until it ends, writing it into the conversation's cached messages at most
 * once per animation frame and per FLUSH_INTERVAL_MS. A send's own response and a later
 * reattach (reload, second tab,
 * dropped connection) take this same path. It outlives the page that started it, so going from
 * a new chat to its conversation page does not cut the reply.
 */
export function followReply(
  client: QueryClient,
  conversationId: string,
  botMessageId: string,
  stream: { url: string; response?: Response },
) {
  const followers = followersOf(client);
  if (followers.has(botMessageId)) return;
  const follower: Follower = {
    conversationId,
    abort: new AbortController(),
    reply: {
      content: "",
      status: "streaming",
      error: null,
      suggested_replies: [],
      files: [],
      started: false,
    },
  };
  followers.set(botMessageId, follower);
  // Each render re-parses the reply's growing last block: at 100 tokens a second, a render per
  // animation frame parsed it far more often than anyone reads (bench/ui-streaming).
  const flush = createThrottledFlush(
    () => patchMessage(client, conversationId, botMessageId, liveFields(follower.reply)),
    FLUSH_INTERVAL_MS,
  );
  const onEvent = (event: ReplyEvent) => {
    apply(follower.reply, event);
    if (event.type === "done") flush.now();
    else flush.schedule();
  };
  void followReplyStream({ ...stream, onEvent, signal: follower.abort.signal })
    .catch(() => undefined)
    .finally(() => {
      followers.delete(botMessageId);
      if (follower.reply.status !== "streaming") {
        mapOf(finishedByClient, client).set(botMessageId, follower.reply);
      }
      void refreshConversationList(client);
    });
}

/** Stops following every reply of a conversation (it was deleted). */
export function forgetConversation(client: QueryClient, conversationId: string) {
  for (const [id, follower] of followersOf(client)) {
    if (follower.conversationId !== conversationId) continue;
    follower.abort.abort();
    followersOf(client).delete(id);
  }
}

/** Lays what live streams know over freshly fetched messages, so a refetch never rolls back. */
export function overlayLiveReplies(client: QueryClient, data: ConversationWithMessages) {
  const followers = followersOf(client);
  const finished = mapOf(finishedByClient, client);
  return {
    ...data,
    messages: data.messages.map((message) => {
      const live =
        followers.get(message.id)?.reply ??
        (message.status === "streaming" ? finished.get(message.id) : undefined);
      return live?.started ? { ...message, ...liveFields(live) } : message;
    }),
  };
}

/** Changes one cached message (no-op when the conversation is not cached). */
export function patchMessage(
  client: QueryClient,
  conversationId: string,
  messageId: string,
  patch: Partial<Message>,
) {
  client.setQueryData<ConversationWithMessages>(conversationKey(conversationId), (data) =>
    data
      ? {
          ...data,
          messages: data.messages.map((message) =>
            message.id === messageId ? { ...message, ...patch } : message,
          ),
        }
      : data,
  );
}

function apply(reply: LiveReply, event: ReplyEvent) {
  reply.started = true;
  switch (event.type) {
    case "text":
      reply.content += event.text;
      break;
    case "replace_response":
      reply.content = event.text;
      break;
    case "suggested_reply":
      reply.suggested_replies = [...reply.suggested_replies, event.text];
      break;
    case "file":
      reply.files = [...reply.files, event.file];
      break;
    case "done":
      reply.status = event.status;
      reply.error = event.error;
      reply.content = event.text || reply.content;
      if (event.allow_retry !== undefined) reply.allow_retry = event.allow_retry;
      if (event.usage !== undefined) reply.usage = event.usage;
      break;
    case "meta":
      break;
  }
}

function liveFields({ started, ...fields }: LiveReply): Partial<Message> {
  // Before its first event the stored checkpoint is the better text.
  if (!started) return { status: fields.status };
  return fields;
}
