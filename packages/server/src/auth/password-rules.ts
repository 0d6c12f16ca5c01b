import { InvalidRequestError } from "../errors.js";

/** The shortest and longest password the platform takes (a longer one only costs hashing). */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** Refuses a new password outside 8–1,024 characters, naming the field it came in. */
export function checkNewPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    throw new InvalidRequestError(
      `${field}: a password must have ${MIN_PASSWORD_LENGTH} to 1,024 characters`,
    );
}

/**
 * Whether a stored hash is a password one can sign in with: accounts that sign in another way
 * (single sign-on, the system account) store something else, or nothing.
 */
export function hasPassword(passwordHash: string | null | undefined): passwordHash is string {
  return typeof passwordHash === "string" && passwordHash.startsWith("scrypt$");
}
