import { InvalidRequestError } from "../errors.js";

/** The shortest password an account may have. */
export const MIN_PASSWORD_LENGTH = 8;
/** The longest: hashing costs grow with length, and nobody types more. */
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * Refuses a password that is too long, before anything hashes it; at login, where a short one
 * may still be an old account's, only the upper bound applies.
 */
export function assertPasswordNotTooLong(password: string): void {
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new InvalidRequestError("Passwords are at most 1,024 characters long.");
}

/** Refuses a new password outside 8–1,024 characters, saying which bound it missed. */
export function assertNewPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new InvalidRequestError("The password must be at least 8 characters long.");
  assertPasswordNotTooLong(password);
}

/** Refuses a new password outside 8–1,024 characters, naming the field it came in. */
export function checkNewPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    throw new InvalidRequestError(
      `The password must have ${MIN_PASSWORD_LENGTH} to 1,024 characters.`,
      { field },
    );
}

/**
 * Whether a stored hash is a password one can sign in with: accounts that sign in another way
 * (single sign-on, the system account) store something else, or nothing.
 */
export function hasPassword(passwordHash: string | null | undefined): passwordHash is string {
  return typeof passwordHash === "string" && passwordHash.startsWith("scrypt$");
}
