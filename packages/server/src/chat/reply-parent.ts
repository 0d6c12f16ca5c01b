import { invalidField } from "../errors.js";
import type { MessageRow } from "../store/messages-store.js";

/**
 * The message a new user message follows. Left out (`undefined`), it is the last message of
 * the current context, as a plain send has always done; `null` starts a new first message
 * (editing the first one); an id must be a finished bot reply of the current context, which
 * is how a message is edited and resent, or a reply given to a chosen branch.
 */
export function replyParent(
  messages: readonly MessageRow[],
  contextId: string,
  parentId: string | null | undefined,
): string | null {
  if (parentId === undefined)
    return messages.filter((message) => message.context_id === contextId).at(-1)?.id ?? null;
  if (parentId === null) return null;
  const parent = messages.find((message) => message.id === parentId);
  if (!parent || parent.context_id !== contextId) {
    throw invalidField(
      "parent_id",
      "parent_id is not a message of this conversation's current context",
    );
  }
  if (parent.role !== "bot") {
    throw invalidField(
      "parent_id",
      "parent_id must be a bot reply (to edit a message, follow the reply before it, or send null for the first message)",
    );
  }
  if (parent.status === "streaming")
    throw invalidField("parent_id", "parent_id is a reply that is still being written");
  return parent.id;
}
