import { useMemo, useState } from "react";
import { describeError } from "../api/api-error.js";
import { useBot, useBots } from "../api/bots-list.js";
import type { Bot, Message } from "../api/types.js";
import { Spinner } from "../ui/spinner.js";
import { BotHeader } from "./bot-header.js";
import type { BotMessageActions } from "./bot-message.js";
import { ChatRowView } from "./chat-row-view.js";
import { Composer } from "./composer.js";
import { MessageList } from "./message-list.js";
import { selectedBranch, type BranchSelection, type ChatRow } from "./message-tree.js";
import { useChatActions, type Draft } from "./use-chat-actions.js";
import { useConversation } from "./use-conversation.js";
import { useStableCallback } from "../ui/use-stable-callback.js";

/** A message of plain text, as a suggested reply or an edited message is sent. */
const draftOf = (content: string): Draft => ({ content, attachments: [], parameters: {} });

/**
 * A chat with one bot: an existing conversation (`conversationId`) or a new one with
 * `botHandle`, created on the first send.
 */
export function ChatView({
  conversationId,
  botHandle,
}: {
  conversationId?: string;
  botHandle?: string;
}) {
  const conversationQuery = useConversation(conversationId);
  const conversation = conversationQuery.data?.conversation;
  const bots = useBots();
  const listed = conversation
    ? bots.data?.find((bot) => bot.id === conversation.bot_id)
    : bots.data?.find((bot) => bot.handle === botHandle);
  const handle = conversation?.bot?.handle ?? botHandle;
  const fetched = useBot(!listed && bots.isFetched ? handle : undefined);
  const bot: Bot | undefined = listed ?? fetched.data;
  const [selection, setSelection] = useState<BranchSelection>({});

  const messages = conversationQuery.data?.messages ?? [];
  const branch = selectedBranch(messages, selection);
  const shownMessages = branch.flatMap((row) => (row.kind === "message" ? [row.message] : []));
  const last = shownMessages.at(-1);
  const running = messages.find((message) => message.status === "streaming");
  const actions = useChatActions({
    conversation,
    botHandle: bot?.handle,
    // After "Clear context" a message starts the new context rather than following the old.
    lastMessageId: conversation
      ? last?.context_id === conversation.context_id
        ? last.id
        : null
      : undefined,
  });
  const showLatest = (branchKey: string | null) =>
    setSelection((current) => {
      const next = { ...current };
      if (branchKey) delete next[branchKey];
      return next;
    });

  // Stable, so a streamed update re-renders only the reply that grows, not the header, the
  // composer and every other message (bench/ui-streaming).
  const regenerate = useStableCallback((message: Message) => {
    showLatest(message.parent_id);
    void actions.regenerate(message);
  });
  const rate = useStableCallback(
    (message: Message, type: "like" | "dislike") => void actions.rate(message, type),
  );
  const react = useStableCallback(
    (message: Message, reaction: string) => void actions.react(message, reaction),
  );
  const sendSuggestion = useStableCallback((text: string) => void actions.send(draftOf(text)));
  const botActions: BotMessageActions = useMemo(
    () => ({ regenerate, rate, react, sendSuggestion }),
    [regenerate, rate, react, sendSuggestion],
  );
  const resend = useStableCallback((message: Message, content: string) => {
    showLatest(message.parent_id ?? `root:${message.context_id}`);
    return actions.send(
      { ...draftOf(content), attachments: message.attachments },
      message.parent_id,
    );
  });
  const selectSibling = useStableCallback((branchKey: string, id: string) =>
    setSelection((current) => ({ ...current, [branchKey]: id })),
  );
  const clearContext = useStableCallback(() => void actions.clearContext());
  const send = useStableCallback((draft: Draft) => actions.send(draft));
  const stop = useStableCallback(() => running && void actions.stop(running.id));

  const failure =
    conversationQuery.error ?? (bots.error && !bot ? bots.error : null) ?? fetched.error;
  if (failure) {
    return (
      <p role="alert" className="p-6 text-sm text-danger">
        {describeError(failure)}
      </p>
    );
  }
  if (!bot || (conversationId && !conversation)) {
    return (
      <div className="p-6">
        <Spinner label="Loading the conversation" />
      </div>
    );
  }

  const busy = running !== undefined;
  const rows: ChatRow[] = [{ kind: "greeting", key: "greeting" }, ...branch];
  const renderRow = (row: ChatRow) => (
    <ChatRowView
      row={row}
      bot={bot}
      isLast={row.kind === "message" && row.message.id === last?.id}
      busy={busy}
      actions={botActions}
      onSelectSibling={selectSibling}
      onResend={resend}
    />
  );

  return (
    <div className="flex h-full flex-col">
      <BotHeader
        bot={bot}
        onClearContext={conversation && messages.length > 0 ? clearContext : undefined}
      />
      <MessageList
        rows={rows}
        renderRow={renderRow}
        label={`Conversation with ${bot.display_name}`}
      />
      {actions.error && (
        <div
          role="alert"
          className="mx-auto flex w-full max-w-3xl items-center gap-2 px-4 pt-2 text-sm text-danger"
        >
          <span className="flex-1">{actions.error}</span>
          <button type="button" className="text-xs underline" onClick={actions.clearError}>
            Dismiss
          </button>
        </div>
      )}
      <Composer bot={bot} running={busy} onSend={send} onStop={stop} />
    </div>
  );
}
