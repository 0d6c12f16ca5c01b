import { avatarUrl } from "../../bots/bot-avatars.js";
import type { Platform } from "../../platform.js";
import type { MessageRow } from "../../store/messages-store.js";
import { publicUsage } from "../../usage/usage-columns.js";

/** The bot a mention chose to write a reply, as the API shows it. */
export interface ReplyBot {
  handle: string;
  display_name: string;
  avatar_url: string | null;
}

/** A mentioned bot deleted since its reply: the reply stays, shown without its bot. */
const DELETED_BOT: ReplyBot = { handle: "", display_name: "A deleted bot", avatar_url: null };

/** The bots mentions chose for these replies, by id (one cached lookup each). */
async function replyBotsOf(
  platform: Pick<Platform, "store">,
  messages: readonly MessageRow[],
): Promise<Map<string, ReplyBot>> {
  const bots = new Map<string, ReplyBot>();
  for (const { bot_id: id } of messages) {
    if (id === null || bots.has(id)) continue;
    const bot = await platform.store.bots.findById(id);
    bots.set(
      id,
      bot
        ? { handle: bot.handle, display_name: bot.display_name, avatar_url: avatarUrl(bot) }
        : DELETED_BOT,
    );
  }
  return bots;
}

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
  platform: Pick<Platform, "fileUrlRenewer" | "store">,
  conversationId: string,
  messages: readonly MessageRow[],
) {
  const renew = await platform.fileUrlRenewer(conversationId, fileUrlTextsOf(messages));
  const bots = await replyBotsOf(platform, messages);
  return messages.map((message) =>
    publicMessage(message, renew, message.bot_id === null ? null : bots.get(message.bot_id)!),
  );
}

/**
 * A message as the API shows it; `metadata` stays between the platform and the bot. `bot` is
 * the bot a mention chose to write the reply; null: the conversation's bot (and user messages).
 */
export function publicMessage(
  message: MessageRow,
  renewFileUrls: (text: string) => string,
  bot: ReplyBot | null,
) {
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
    bot,
    context_id: message.context_id,
    created_at: message.created_at,
    usage: publicUsage(message),
  };
}
