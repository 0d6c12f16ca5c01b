import { queryOptions, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { conversationKey, fetchConversation } from "../api/conversations.js";
import { followReply, isFollowing, overlayLiveReplies } from "./live-replies.js";

/** How a conversation is read: with the replies this tab follows laid over the stored ones. */
export const conversationQuery = (client: QueryClient, conversationId: string) =>
  queryOptions({
    queryKey: conversationKey(conversationId),
    queryFn: async ({ signal }) =>
      overlayLiveReplies(client, await fetchConversation(conversationId, signal)),
    // Live replies update the cache themselves; a refetch on focus would only repeat them.
    refetchOnWindowFocus: false,
  });

/**
 * A conversation with its messages, kept live: every reply still `streaming` is followed from
 * its stream, whether this tab started it or not (a reload, a second tab).
 */
export function useConversation(conversationId: string | undefined) {
  const client = useQueryClient();
  const query = useQuery({
    ...conversationQuery(client, conversationId ?? ""),
    enabled: conversationId !== undefined,
  });
  const streamingIds = (query.data?.messages ?? [])
    .filter((message) => message.status === "streaming")
    .map((message) => message.id)
    .join(" ");
  useEffect(() => {
    if (!conversationId || !streamingIds) return;
    for (const id of streamingIds.split(" ")) {
      if (!isFollowing(client, id)) {
        followReply(client, conversationId, id, { url: `/api/messages/${id}/stream` });
      }
    }
  }, [client, conversationId, streamingIds]);
  return query;
}
