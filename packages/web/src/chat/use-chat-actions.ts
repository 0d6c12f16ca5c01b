import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { describeError } from "../api/api-error.js";
import {
  conversationKey,
  createConversation,
  refreshConversationList,
  resetContext,
  type ConversationWithMessages,
} from "../api/conversations.js";
import { sendFeedback, sendReaction, stopReply } from "../api/messages.js";
import {
  regenerateWithStream,
  sendWithStream,
  type SendBody,
  type StartedReply,
} from "../api/reply-stream.js";
import { botsKey } from "../api/bots-list.js";
import type { Attachment, Bot, Conversation, Message, ReplyBot } from "../api/types.js";
import { followReply, patchMessage } from "./live-replies.js";

/** A message to send: its text, attachments and parameter values. */
export interface Draft {
  content: string;
  attachments: Attachment[];
  parameters: Record<string, unknown>;
}

/**
 * What a person does in a chat: send (creating the conversation on the first message), edit and
 * resend, regenerate, stop, rate, react and clear the context. Failures land in `error`, in words.
 */
export function useChatActions({
  conversation,
  botHandle,
  lastMessageId,
}: {
  conversation: Conversation | undefined;
  botHandle: string | undefined;
  /** What a send follows: undefined in a new chat, null to start a new context's first branch. */
  lastMessageId: string | null | undefined;
}) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  const guard = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    }
  };

  const addMessages = (conversationId: string, messages: Message[]) =>
    client.setQueryData<ConversationWithMessages>(conversationKey(conversationId), (data) =>
      data ? { ...data, messages: [...data.messages, ...messages] } : data,
    );

  const follow = (conversationId: string, started: StartedReply) =>
    followReply(client, conversationId, started.botMessageId, {
      url: started.streamUrl,
      response: started.response,
    });

  /** Sends after `parentId` (the end of the shown branch by default). */
  const send = (draft: Draft, parentId: string | null | undefined = lastMessageId) =>
    guard(async () => {
      let target = conversation;
      if (!target) {
        target = await createConversation(botHandle!);
        client.setQueryData(conversationKey(target.id), { conversation: target, messages: [] });
      }
      const body: SendBody = { content: draft.content };
      if (draft.attachments.length)
        body.attachments = draft.attachments.map((file) => file.file_id);
      if (Object.keys(draft.parameters).length) body.parameters = draft.parameters;
      if (parentId !== undefined) body.parent_id = parentId;
      const started = await sendWithStream(target.id, body);
      const now = Date.now();
      const userMessage = blankMessage(target, {
        id: started.userMessageId ?? `local-${now}`,
        parent_id: parentId ?? null,
        role: "user",
        content: draft.content,
        attachments: draft.attachments,
        created_at: now,
      });
      addMessages(target.id, [
        userMessage,
        blankMessage(target, {
          id: started.botMessageId,
          parent_id: userMessage.id,
          role: "bot",
          status: "streaming",
          bot: replyBotOf(client, started),
          created_at: now + 1,
        }),
      ]);
      follow(target.id, started);
      void refreshConversationList(client);
      if (!conversation) {
        await navigate({ to: "/c/$conversationId", params: { conversationId: target.id } });
      }
    });

  const regenerate = (botMessage: Message) =>
    guard(async () => {
      if (!conversation) return;
      const started = await regenerateWithStream(botMessage.id);
      addMessages(conversation.id, [
        blankMessage(conversation, {
          id: started.botMessageId,
          parent_id: botMessage.parent_id,
          role: "bot",
          status: "streaming",
          bot: botMessage.bot ?? null,
          context_id: botMessage.context_id,
          created_at: Date.now(),
        }),
      ]);
      follow(conversation.id, started);
    });

  const stop = (botMessageId: string) => guard(() => stopReply(botMessageId));

  const rate = (message: Message, type: "like" | "dislike") =>
    guard(async () => {
      await sendFeedback(message.id, type);
      patchMessage(client, message.conversation_id, message.id, { feedback: type });
    });

  const react = (message: Message, reaction: string) =>
    guard(async () => {
      await sendReaction(message.id, reaction);
      patchMessage(client, message.conversation_id, message.id, { reaction });
    });

  const clearContext = () =>
    guard(async () => {
      if (!conversation) return;
      const updated = await resetContext(conversation.id);
      client.setQueryData<ConversationWithMessages>(conversationKey(conversation.id), (data) =>
        data ? { ...data, conversation: { ...data.conversation, ...updated } } : data,
      );
    });

  return {
    error,
    clearError: () => setError(null),
    send,
    regenerate,
    stop,
    rate,
    react,
    clearContext,
  };
}

/**
 * The bot a mention chose for a reply just started, from the bots list (a bot not listed, such
 * as an unlisted one, shows by its handle until the conversation is read again).
 */
function replyBotOf(client: QueryClient, started: StartedReply): ReplyBot | null {
  const handle = started.replyBotHandle;
  if (!handle) return null;
  const listed = client.getQueryData<Bot[]>(botsKey)?.find((bot) => bot.handle === handle);
  return listed ?? { handle, display_name: handle, avatar_url: null };
}

function blankMessage(
  conversation: Conversation,
  fields: Pick<Message, "id" | "parent_id" | "role" | "created_at"> & Partial<Message>,
): Message {
  return {
    conversation_id: conversation.id,
    content: "",
    content_type: "text/markdown",
    status: "complete",
    error: null,
    suggested_replies: [],
    files: [],
    attachments: [],
    feedback: null,
    reaction: null,
    context_id: conversation.context_id,
    ...fields,
  };
}
