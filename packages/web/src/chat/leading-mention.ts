import type { Bot } from "../api/types.js";

/** The `@…` a message starts with, up to the caret, while it is still being typed; else null. */
export function mentionBeingTyped(text: string, caret: number): string | null {
  if (!text.startsWith("@")) return null;
  const typed = text.slice(1, caret);
  return /^[A-Za-z0-9._-]*$/.test(typed) ? typed : null;
}

/** The handle a message's leading mention names (as the platform reads it), or null. */
export function leadingMention(text: string): string | null {
  return /^@([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text)?.[1]?.replace(/[._-]+$/, "") ?? null;
}

/** At most this many bots are offered at once. */
const MAX_OPTIONS = 8;

/** The bots whose handle or name starts with what was typed first, then those containing it. */
export function mentionOptions(bots: readonly Bot[], typed: string): Bot[] {
  const query = typed.toLowerCase();
  const starts: Bot[] = [];
  const contains: Bot[] = [];
  for (const bot of bots) {
    const handle = bot.handle.toLowerCase();
    const name = bot.display_name.toLowerCase();
    if (handle.startsWith(query) || name.startsWith(query)) starts.push(bot);
    else if (handle.includes(query) || name.includes(query)) contains.push(bot);
    if (starts.length >= MAX_OPTIONS) break;
  }
  return [...starts, ...contains].slice(0, MAX_OPTIONS);
}
