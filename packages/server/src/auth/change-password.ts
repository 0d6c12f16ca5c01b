import { ForbiddenError, InvalidRequestError, NotFoundError } from "../errors.js";
import type { Store } from "../store/store.js";
import type { Actor } from "./accounts.js";
import { hashPassword, verifyPassword } from "./password.js";
import { checkNewPassword, hasPassword } from "./password-rules.js";

/** A 403 for a password that does not match the account's. */
export function wrongPassword(): ForbiddenError {
  return new ForbiddenError("The password is not right", "wrong_password");
}

/**
 * Checks that `password` is the actor's own, for a change that must not be made with a stolen
 * session alone; refuses accounts with no password (they confirm another way).
 */
export async function confirmPassword(store: Store, actor: Actor, password: string) {
  const user = await store.users.findById(actor.userId);
  if (!user) throw new NotFoundError("Account");
  if (!hasPassword(user.password_hash) || !(await verifyPassword(password, user.password_hash)))
    throw wrongPassword();
  return user;
}

/** Changing one's own password, and an admin setting another's. */
export function createPasswordChanges(store: Store) {
  return {
    /**
     * Changes the actor's password after checking the current one, and ends every other
     * session of theirs (all of them when `currentSessionId`, a token hash, is not given).
     */
    async change(
      actor: Actor,
      input: { currentPassword: string; newPassword: string },
      currentSessionId: string | undefined,
    ): Promise<void> {
      const user = await store.users.findById(actor.userId);
      if (user && !hasPassword(user.password_hash))
        throw new InvalidRequestError(
          "This account signs in without a password, so it has none to change",
        );
      checkNewPassword(input.newPassword, "new_password");
      await confirmPassword(store, actor, input.currentPassword);
      await store.credentials.setPassword(actor.userId, await hashPassword(input.newPassword), {
        keepSessionId: currentSessionId,
      });
    },

    /** Sets a person's password (an admin's doing) and ends all of their sessions. */
    async reset(userId: string, password: string): Promise<void> {
      checkNewPassword(password, "password");
      if (!(await store.credentials.setPassword(userId, await hashPassword(password))))
        throw new NotFoundError("User");
    },
  };
}

/** The password changes service. */
export type PasswordChanges = ReturnType<typeof createPasswordChanges>;
