import type { Attachment, ProtocolMessage } from "@parlor/protocol";

/**
 * Merges runs of consecutive messages with the same role into one, for models that insist on
 * alternating user and bot turns. Contents are joined with a blank line; attachments are united by
 * URL, the later message's first. The merged message keeps the other fields of the first message
 * of its run. Messages are copied, never changed; unmerged ones are returned as they came.
 */
export function makePromptAuthorRoleAlternated(
  messages: readonly ProtocolMessage[],
): ProtocolMessage[] {
  const alternated: ProtocolMessage[] = [];
  for (const message of messages) {
    const previous = alternated.at(-1);
    if (previous === undefined || previous.role !== message.role) {
      alternated.push(message);
      continue;
    }
    alternated[alternated.length - 1] = {
      ...previous,
      content: `${previous.content}\n\n${message.content}`,
      attachments: uniqueByUrl([...message.attachments, ...previous.attachments]),
    };
  }
  return alternated;
}

function uniqueByUrl(attachments: readonly Attachment[]): Attachment[] {
  const seen = new Set<string>();
  return attachments.filter((attachment) => {
    if (seen.has(attachment.url)) return false;
    seen.add(attachment.url);
    return true;
  });
}
