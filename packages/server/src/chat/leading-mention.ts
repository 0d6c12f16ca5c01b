/**
 * A message that starts with `@Handle` is for that bot. Handles are letters, digits, `.`, `_`
 * and `-`, starting with a letter or digit (model bots have dots: `Llama-3.1-8B`); the mention
 * must be the message's very first character, so a leading space sends `@…` as plain text.
 */
const LEADING_MENTION = /^@([A-Za-z0-9][A-Za-z0-9._-]{0,99})/;

/**
 * The handles a message's leading mention may mean, most likely first: as written, then without
 * trailing `.`, `_` or `-` (`@Llama-3.1-8B.` ends a sentence); none without a mention.
 */
export function leadingMention(content: string): string[] {
  const handle = LEADING_MENTION.exec(content)?.[1];
  if (handle === undefined) return [];
  const trimmed = handle.replace(/[._-]+$/, "");
  return trimmed !== handle && trimmed !== "" ? [handle, trimmed] : [handle];
}
