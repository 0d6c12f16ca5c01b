import type { StoredAttachment } from "../../chat/build-query-request.js";
import type { Store } from "../../store/store.js";
import { fileIdsDueForRenewal, renewFileUrls } from "./signed-file-url.js";

/** Renews the file URLs in a conversation's texts; see {@link createFileUrlRenewer}. */
export type RenewFileUrls = (text: string) => string;

/** Leaves every URL as it is: for text that cannot hold one yet (a reply just started). */
export const keepFileUrls: RenewFileUrls = (text) => text;

/**
 * Makes, for one conversation, the function that renews the expired file URLs in its texts.
 * Only the conversation's own files are renewed: the uploads attached to its messages and the
 * files of its bot's owner (what the bot uploaded with its access key). Any other file's URL,
 * another user's upload that a bot or a user pasted in, stays as it was, expired: renewing it
 * would give whoever reads the conversation a file that was never theirs.
 * The store is read only when some URL in `texts` is due, which is rare.
 */
export function createFileUrlRenewer(deps: { store: Store; secret: string; clock: () => number }) {
  return async (conversationId: string, texts: readonly string[]): Promise<RenewFileUrls> => {
    const now = deps.clock();
    const due = new Set(texts.flatMap((text) => [...fileIdsDueForRenewal(text, deps.secret, now)]));
    if (due.size === 0) return keepFileUrls;
    const allowed = new Set<string>();
    const conversation = await deps.store.conversations.findById(conversationId);
    const bot = conversation && (await deps.store.bots.findById(conversation.bot_id));
    if (conversation && bot) {
      const attached = new Set(
        (await deps.store.messages.listForConversation(conversationId)).flatMap((message) =>
          (JSON.parse(message.attachments_json) as StoredAttachment[]).map(
            (stored) => stored.file_id,
          ),
        ),
      );
      for (const id of due) {
        const file = attached.has(id) ? undefined : await deps.store.files.findById(id);
        if (attached.has(id) || file?.owner_id === bot.owner_id) allowed.add(id);
      }
    }
    return (text) => renewFileUrls(text, deps.secret, deps.clock(), (id) => allowed.has(id));
  };
}

/** The renewer factory the platform holds. */
export type FileUrlRenewer = ReturnType<typeof createFileUrlRenewer>;
