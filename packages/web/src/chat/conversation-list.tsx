import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { apiFetch } from "../api/http.js";
import type { Conversation } from "../api/types.js";

/** The signed-in user's conversations, newest first. */
export function ConversationList() {
  const { data } = useQuery({
    queryKey: ["conversations"],
    queryFn: () => apiFetch<{ conversations: Conversation[] }>("/api/conversations"),
  });
  return (
    <ul aria-label="Conversations" className="flex flex-col gap-0.5">
      {data?.conversations.map((conversation) => (
        <li key={conversation.id}>
          <Link
            to="/c/$conversationId"
            params={{ conversationId: conversation.id }}
            className="block truncate rounded-lg px-3 py-2 text-sm hover:bg-sunken [&.active]:bg-sunken"
          >
            {conversation.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
