import { invalidField } from "../errors.js";
import { TEXT_LIMITS } from "../input/text-limits.js";

/** Something, an `@`, something with a dot: what every address a mail server takes looks like. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The address trimmed and in lower case, as accounts store it, or a 400 naming `email`: not
 * an address, or longer than the 254 characters an address may have (RFC 5321).
 */
export function normalizedEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > TEXT_LIMITS.email)
    throw invalidField("email", `email must be at most ${TEXT_LIMITS.email} characters`);
  if (!EMAIL.test(normalized)) throw invalidField("email", "email is not a valid email address");
  return normalized;
}
