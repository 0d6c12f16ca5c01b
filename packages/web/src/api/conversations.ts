import { useInfiniteQuery, type QueryClient } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import type { Conversation, Message } from "./types.js";

/** The query key prefix of every page of the conversation list. */
export const conversationsKey = ["conversations"] as const;

/** The query key of one conversation with all its messages. */
export const conversationKey = (id: string) => ["conversation", id] as const;

/** A conversation with every message, oldest first (all contexts and branches). */
export interface ConversationWithMessages {
  conversation: Conversation;
  messages: Message[];
}

interface ConversationsPage {
  conversations: Conversation[];
  next_cursor?: string | null;
}

const PAGE_SIZE = 30;

/** The user's conversations, newest first, a page at a time, optionally searched by title. */
export function useConversationsList(search: string) {
  return useInfiniteQuery({
    queryKey: [...conversationsKey, search],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) query.set("cursor", pageParam);
      if (search) query.set("q", search);
      return apiFetch<ConversationsPage>(`/api/conversations?${query}`, { signal });
    },
    // Without `next_cursor` (an older platform) the first page is the whole list.
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/** Reads a conversation with its messages. */
export const fetchConversation = (id: string, signal?: AbortSignal) =>
  apiFetch<ConversationWithMessages>(`/api/conversations/${id}`, { signal });

/** Starts a conversation with a bot. */
export const createConversation = async (botHandle: string) =>
  (
    await apiFetch<{ conversation: Conversation }>("/api/conversations", {
      method: "POST",
      json: { bot: botHandle },
    })
  ).conversation;

/** Renames a conversation. */
export const renameConversation = (id: string, title: string) =>
  apiFetch<{ conversation: Conversation }>(`/api/conversations/${id}`, {
    method: "PATCH",
    json: { title },
  });

/** Deletes a conversation with its messages (running replies stop). */
export const deleteConversation = (id: string) =>
  apiFetch<{ ok: true }>(`/api/conversations/${id}`, { method: "DELETE" });

/** Starts a new context: earlier messages stay but are no longer sent to the bot. */
export const resetContext = async (id: string) =>
  (
    await apiFetch<{ conversation: Conversation }>(`/api/conversations/${id}/reset`, {
      method: "POST",
    })
  ).conversation;

/** Marks every page of the conversation list as stale (a send moved one up, a title changed). */
export const refreshConversationList = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: conversationsKey });
