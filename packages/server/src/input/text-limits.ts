/**
 * The longest each free-text field may be, in UTF-16 code units (what JavaScript and zod
 * count). docs/api.md lists them; every text a user or a bot creator types has one.
 */
export const TEXT_LIMITS = {
  /** RFC 5321's limit on a whole address. */
  email: 254,
  apiKeyName: 100,
  conversationTitle: 200,
  botDisplayName: 80,
  botDescription: 2000,
  botGreeting: 4000,
  /** A prompt bot's prompt, sent as the system message of every reply. */
  botPrompt: 20_000,
  reaction: 32,
  /** A message a user sends (the bot sees it in every later turn of its context). */
  messageContent: 100_000,
  /** A file name, after it is reduced to a base name. */
  fileName: 255,
  /** A URL given to fetch an avatar from. */
  url: 2048,
} as const;
