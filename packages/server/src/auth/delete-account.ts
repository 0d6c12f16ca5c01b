import { rm } from "node:fs/promises";
import type { Logger } from "pino";
import { InvalidRequestError, NotFoundError } from "../errors.js";
import { filePath } from "../poe-api/files/file-storage.js";
import type { GenerationLog } from "../relay/generation-log.js";
import { runningRepliesOf } from "../store/account-deletion.js";
import type { Store } from "../store/store.js";
import type { Actor } from "./accounts.js";
import { confirmPassword } from "./change-password.js";
import { hasPassword } from "./password-rules.js";

/** How a person confirms deleting their own account: their password, or without one, their email. */
export interface DeletionConfirmation {
  password?: string | undefined;
  confirm?: string | undefined;
}

/**
 * Deleting accounts with everything in them (see `deleteAccountRows`): by their owner after
 * confirming, or by an admin. Replies still running for the account are stopped first, and the
 * bytes of its files are removed from the data folder once the rows are gone.
 */
export function createAccountDeletion(deps: {
  store: Store;
  dataDir: string;
  log: GenerationLog;
  logger: Logger;
}) {
  const { store } = deps;

  async function deleteAccount(userId: string): Promise<void> {
    for (const id of await runningRepliesOf(store.db, userId))
      await deps.log.stop(id, "The account was deleted");
    const result = await store.deleteAccount(userId);
    if ("refused" in result) {
      if (result.refused === "not_found") throw new NotFoundError("User");
      throw new InvalidRequestError(
        "This is the last admin: make another account an admin before deleting this one",
      );
    }
    for (const storageKey of result.deleted.storageKeys) {
      // The rows are gone, so nothing points at these bytes any more; a failure is for the log.
      await rm(filePath(deps.dataDir, storageKey), { force: true }).catch((error: unknown) =>
        deps.logger.error({ err: error }, "could not remove a deleted account's file"),
      );
    }
  }

  return {
    /** Deletes the actor's own account once they confirmed it. */
    async deleteOwn(actor: Actor, confirmation: DeletionConfirmation): Promise<void> {
      const user = await store.users.findById(actor.userId);
      if (!user) throw new NotFoundError("Account");
      if (hasPassword(user.password_hash)) {
        if (confirmation.password === undefined)
          throw new InvalidRequestError("Type your password to delete your account.", {
            field: "password",
          });
        await confirmPassword(store, actor, confirmation.password);
      } else if (confirmation.confirm?.trim().toLowerCase() !== user.email) {
        throw new InvalidRequestError("Type your email to delete your account.", {
          field: "confirm",
        });
      }
      await deleteAccount(user.id);
    },

    /** Deletes another person's account (an admin's doing; their own goes through `deleteOwn`). */
    async deleteByAdmin(actor: Actor, userId: string): Promise<void> {
      if (userId === actor.userId)
        throw new InvalidRequestError(
          "You cannot delete your own account here: delete it from your account page",
        );
      await deleteAccount(userId);
    },
  };
}

/** The account deletion service. */
export type AccountDeletionService = ReturnType<typeof createAccountDeletion>;
