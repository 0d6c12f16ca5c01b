import { memo } from "react";
import type { Bot, Message } from "../api/types.js";
import { BotMessage, type BotMessageActions } from "./bot-message.js";
import { ContextDivider } from "./context-divider.js";
import { GreetingMessage } from "./greeting-message.js";
import type { ChatRow } from "./message-tree.js";
import { UserMessage } from "./user-message.js";

/** What one row of the chat needs; every callback is stable across renders. */
interface ChatRowViewProps {
  row: ChatRow;
  bot: Bot;
  /** The last message shown: only it offers suggested replies. */
  isLast: boolean;
  busy: boolean;
  actions: BotMessageActions;
  onSelectSibling: (branchKey: string, messageId: string) => void;
  onResend: (message: Message, content: string) => Promise<boolean>;
}

/**
 * One row of the conversation: the greeting, a context divider, or a message. Memoised so that a
 * streamed update re-renders only the row whose message changed.
 */
export const ChatRowView = memo(function ChatRowView({
  row,
  bot,
  isLast,
  busy,
  actions,
  onSelectSibling,
  onResend,
}: ChatRowViewProps) {
  if (row.kind === "greeting") return <GreetingMessage bot={bot} />;
  if (row.kind === "context") return <ContextDivider />;
  const select = (id: string) => onSelectSibling(row.branchKey, id);
  return row.message.role === "user" ? (
    <UserMessage
      message={row.message}
      siblings={row.siblings}
      onSelectSibling={select}
      busy={busy}
      onResend={onResend}
    />
  ) : (
    <BotMessage
      message={row.message}
      bot={row.message.bot ?? bot}
      siblings={row.siblings}
      onSelectSibling={select}
      isLast={isLast}
      busy={busy}
      actions={actions}
    />
  );
}, sameRow);

/** Rows are rebuilt on every update; a row is unchanged when its message and siblings are. */
function sameRow(before: ChatRowViewProps, after: ChatRowViewProps): boolean {
  const a = before.row;
  const b = after.row;
  const sameContent =
    a.kind !== "message" || b.kind !== "message"
      ? a.kind === b.kind && a.key === b.key
      : a.message === b.message &&
        a.branchKey === b.branchKey &&
        a.siblings.join() === b.siblings.join();
  return (
    sameContent &&
    before.bot === after.bot &&
    before.isLast === after.isLast &&
    before.busy === after.busy &&
    before.actions === after.actions &&
    before.onSelectSibling === after.onSelectSibling &&
    before.onResend === after.onResend
  );
}
