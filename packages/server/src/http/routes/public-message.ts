import type { Platform } from "../../platform.js";
import type { MessageRow } from "../../store/messages-store.js";
import { publicUsage } from "../../usage/usage-columns.js";

/** Whether retrying a failed reply makes sense: null unless the reply ended in error. */
export function allowRetryOf(message: MessageRow): boolean | null {
  return message.error_allow_retry === null ? null : message.error_allow_retry === 1;
}

/** The texts of a message that may hold the platform's file URLs. */
export function fileUrlTextsOf(messages: readonly MessageRow[]): string[] {
  return messages.flatMap((message) => [message.content, message.files_json]);
}

/** Messages of one conversation as the API shows them, with its files' URLs renewed. */
export async function publicMessages(
  platform: Pick<Platform, "fileUrlRenewer">,
  conversationId: string,
  messages: readonly MessageRow[],
) {
  const renew = await platform.fileUrlRenewer(conversationId, fileUrlTextsOf(messages));
  return messages.map((message) => publicMessage(message, renew));
}

/** A message as the API shows it; `metadata` stays between the platform and the bot. */
export function publicMessage(message: MessageRow, renewFileUrls: (text: string) => string) {
  return {
    id: message.id,
    conversation_id: message.conversation_id,
    parent_id: message.parent_id,
    role: message.role,
    content: renewFileUrls(message.content),
    content_type: message.content_type,
    status: message.status,
    error: message.error_text,
    allow_retry: allowRetryOf(message),
    suggested_replies: JSON.parse(message.suggested_replies_json) as string[],
    files: JSON.parse(renewFileUrls(message.files_json)) as unknown[],
    attachments: JSON.parse(message.attachments_json) as unknown[],
    feedback: message.feedback,
    reaction: message.reaction,
    context_id: message.context_id,
    created_at: message.created_at,
    usage: publicUsage(message),
  };
}
