import { invalidField } from "../errors.js";
import { isWellFormedText, LONE_SURROGATE_PROBLEM } from "./user-text.js";

/**
 * The checks of {@link userText} for a field read without zod: at most `maxLength` code units
 * and no lone surrogates, or a 400 naming `field`.
 */
export function checkUserText(field: string, text: string, maxLength: number): void {
  if (text.length > maxLength)
    throw invalidField(field, `${field} must have at most ${maxLength} characters`);
  if (!isWellFormedText(text)) throw invalidField(field, `${field} ${LONE_SURROGATE_PROBLEM}`);
}
