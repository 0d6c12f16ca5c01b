import type { ProtocolMessageInput } from "@parlor/protocol";

/** The bot that wrote a reply, as the bots of a multi-bot conversation are told. */
export interface ReplyAuthor {
  id: string;
  handle: string;
}

/**
 * Another bot's reply as the bot being asked sees it. With `enable_multi_entity_prompting` (on
 * unless the bot turns it off) it is user-side context saying who wrote it, so a model does not
 * take it for its own words; off, it is the unmodified `bot` message (whose `sender` names its
 * bot either way).
 */
export function otherBotReply(
  message: ProtocolMessageInput,
  author: ReplyAuthor,
  multiEntityPrompting: boolean,
): ProtocolMessageInput {
  if (!multiEntityPrompting) return message;
  return { ...message, role: "user", content: `@${author.handle} replied:\n\n${message.content}` };
}
