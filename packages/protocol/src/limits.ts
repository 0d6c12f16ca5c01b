/**
 * The limits of Poe protocol 1.2 (reference §8). The platform enforces them on bot replies;
 * the SDK uses them as defaults so a bot that works locally also works on Poe.
 */
export const PROTOCOL_VERSION = "1.2";

/** A bot must send its first event within this many milliseconds. */
export const FIRST_EVENT_TIMEOUT_MS = 5_000;
/** A whole reply must finish within this many milliseconds. */
export const TOTAL_REPLY_TIMEOUT_MS = 600_000;
/** A single JSON (non-streamed) reply must arrive within this many milliseconds. */
export const JSON_REPLY_TIMEOUT_MS = 30_000;
/** The most characters of reply text a bot may send. */
export const MAX_REPLY_CHARACTERS = 100_000;
/**
 * The most characters of one SSE line or event the platform reads from a bot: a thousand times
 * more than any event of a good reply needs, small enough that a bot sending one endless line
 * costs the platform a megabyte, not whatever it sends.
 */
export const MAX_EVENT_CHARACTERS = 1024 * 1024;
/** The most events one reply may contain. */
export const MAX_REPLY_EVENTS = 10_000;
/** The most calls a bot may make to other bots for one user message. */
export const MAX_BOT_CALLS_PER_MESSAGE = 100;
/** The most files one reply may carry. */
export const MAX_FILES_PER_REPLY = 20;
/** The largest file a reply may carry, in bytes. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Conversations longer than this may be truncated before they reach a bot. */
export const MAX_CONTEXT_MESSAGES = 1_000;
/** Access keys generated for server bots have exactly this many characters. */
export const ACCESS_KEY_LENGTH = 32;
