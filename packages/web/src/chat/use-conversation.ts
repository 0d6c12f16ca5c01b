import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { conversationKey, fetchConversation } from "../api/conversations.js";
import { followReply, isFollowing, overlayLiveReplies } from "./live-replies.js";

/**
 * A conversation with its messages, kept live: every reply still `streaming` is followed from
 * its stream, whether this tab started it or not (a reload, a second tab).
 */
export function useConversation(conversationId: string | undefined) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: conversationKey(conversationId ?? ""),
    enabled: conversationId !== undefined,
    queryFn: async ({ signal }) =>
      overlayLiveReplies(client, await fetchConversation(conversationId!, signal)),
    // Live replies update the cache themselves; a refetch on focus would only repeat them.
    refetchOnWindowFocus: false,
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
