import { useEffect, useState } from "react";
import { describeError } from "../api/api-error.js";
import { useConversationsList } from "../api/conversations.js";
import { Button } from "../ui/button.js";
import { ConversationItem } from "./conversation-item.js";

/** The signed-in user's conversations, newest first, searchable by title, a page at a time. */
export function ConversationList() {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  // Search as the person types, but not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const list = useConversationsList(query);
  // Filtered here too, for a platform that does not search yet.
  const conversations = (list.data?.pages.flatMap((page) => page.conversations) ?? []).filter(
    (conversation) => conversation.title.toLowerCase().includes(query.toLowerCase()),
  );
  return (
    <div className="flex flex-col gap-2">
      <input
        type="search"
        aria-label="Search conversations"
        placeholder="Search conversations"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        className="h-8 rounded-lg border border-line bg-raised px-2.5 text-sm text-ink placeholder:text-muted focus:border-accent"
      />
      {list.error && (
        <p role="alert" className="px-1 text-xs text-danger">
          {describeError(list.error)}
        </p>
      )}
      <ul aria-label="Conversations" className="flex flex-col gap-0.5">
        {conversations.map((conversation) => (
          <ConversationItem key={conversation.id} conversation={conversation} />
        ))}
      </ul>
      {list.isSuccess && conversations.length === 0 && (
        <p className="px-2 text-xs text-muted">
          {query ? "No conversation has that title." : "No conversations yet."}
        </p>
      )}
      {list.hasNextPage && (
        <Button
          size="sm"
          variant="ghost"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}
