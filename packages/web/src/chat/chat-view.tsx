import { useState } from "react";
import { describeError } from "../api/api-error.js";
import { useBot, useBots } from "../api/bots-list.js";
import type { Bot, Message } from "../api/types.js";
import { Spinner } from "../ui/spinner.js";
import { BotHeader } from "./bot-header.js";
import { BotMessage, type BotMessageActions } from "./bot-message.js";
import { Composer } from "./composer.js";
import { ContextDivider } from "./context-divider.js";
import { GreetingMessage } from "./greeting-message.js";
import { MessageList } from "./message-list.js";
import { selectedBranch, type BranchSelection, type ChatRow } from "./message-tree.js";
import { useChatActions } from "./use-chat-actions.js";
import { useConversation } from "./use-conversation.js";
import { UserMessage } from "./user-message.js";

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
  const draftOf = (content: string) => ({ content, attachments: [], parameters: {} });
  const botActions: BotMessageActions = {
    regenerate: (message) => {
      showLatest(message.parent_id);
      void actions.regenerate(message);
    },
    rate: (message, type) => void actions.rate(message, type),
    react: (message, reaction) => void actions.react(message, reaction),
    sendSuggestion: (text) => void actions.send(draftOf(text)),
  };
  const resend = (message: Message, content: string) => {
    showLatest(message.parent_id ?? `root:${message.context_id}`);
    return actions.send(
      { ...draftOf(content), attachments: message.attachments },
      message.parent_id,
    );
  };
  const rows: ChatRow[] = [{ kind: "greeting", key: "greeting" }, ...branch];
  const renderRow = (row: ChatRow) => {
    if (row.kind === "greeting") return <GreetingMessage bot={bot} />;
    if (row.kind === "context") return <ContextDivider />;
    const select = (id: string) => setSelection((current) => ({ ...current, [row.branchKey]: id }));
    return row.message.role === "user" ? (
      <UserMessage
        message={row.message}
        siblings={row.siblings}
        onSelectSibling={select}
        busy={busy}
        onResend={resend}
      />
    ) : (
      <BotMessage
        message={row.message}
        bot={bot}
        siblings={row.siblings}
        onSelectSibling={select}
        isLast={row.message.id === last?.id}
        busy={busy}
        actions={botActions}
      />
    );
  };

  return (
    <div className="flex h-full flex-col">
      <BotHeader
        bot={bot}
        onClearContext={
          conversation && messages.length > 0 ? () => void actions.clearContext() : undefined
        }
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
      <Composer
        bot={bot}
        running={busy}
        onSend={(draft) => actions.send(draft)}
        onStop={() => running && void actions.stop(running.id)}
      />
    </div>
  );
}
