import { randomBytes } from "./random-bytes.js";

/**
 * Poe identifiers: a 1–3 letter tag, a dash, and 32 characters of [a-z0-9=] (reference §1.3).
 * `m` message, `u` user, `c` conversation, `d` metadata sent with a message.
 */
export const IDENTIFIER_PATTERN = /^[a-z]{1,3}-[a-z0-9=]{32}$/;

/** The tags Parlor uses when it mints identifiers. */
export type IdentifierTag = "m" | "u" | "c" | "d";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Mints a fresh random identifier such as `m-0f3k…` (32 characters after the dash). */
export function createIdentifier(tag: IdentifierTag): string {
  return identifierFromBytes(tag, randomBytes(32));
}

/**
 * The identifier that 32 bytes spell, e.g. a digest for an id that must stay the same for the
 * same input (a user's anonymous id for one bot).
 */
export function identifierFromBytes(tag: IdentifierTag, bytes: Uint8Array): string {
  if (bytes.length !== 32)
    throw new RangeError(`An identifier takes 32 bytes, not ${bytes.length}`);
  let body = "";
  // The modulo bias (256 is not a multiple of 36) is harmless for identifiers.
  for (const byte of bytes) body += ALPHABET[byte % ALPHABET.length];
  return `${tag}-${body}`;
}

/** Whether a string has Poe's identifier shape (the SDK never rejects other strings). */
export function isIdentifier(value: string, tag?: IdentifierTag): boolean {
  return IDENTIFIER_PATTERN.test(value) && (tag === undefined || value.startsWith(`${tag}-`));
}
