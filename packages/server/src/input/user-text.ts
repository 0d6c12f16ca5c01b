import { z } from "zod";

/** A UTF-16 surrogate that is not half of a pair: not a character, and not valid UTF-8. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Whether `text` is well-formed Unicode (no lone surrogates). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** What the platform answers for text with a lone surrogate, after the field's name. */
export const LONE_SURROGATE_PROBLEM = "must be valid Unicode text (it has a lone surrogate)";

/**
 * Text a person typed: at most `maxLength` code units, and well-formed Unicode. Lone
 * surrogates are refused at input rather than stored, since PostgreSQL cannot store them and
 * browsers would show them as U+FFFD anyway.
 */
export function userText(maxLength: number) {
  return z.string().max(maxLength).refine(isWellFormedText, LONE_SURROGATE_PROBLEM);
}
