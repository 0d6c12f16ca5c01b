import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, InvitesTable } from "./schema.js";

/** A stored invite. */
export type InviteRow = Selectable<InvitesTable>;

/** Why an invite could not be used. */
export type InviteRefusal = "unknown" | "used" | "expired" | "other_email";

/** Sign-up invites; the token is known only by its hash. */
export function createInvitesStore(db: Kysely<Database>) {
  return {
    async insert(invite: InviteRow): Promise<void> {
      await db.insertInto("invites").values(invite).execute();
    },
    /** Every invite, newest first: there are few, an admin makes them by hand. */
    list(): Promise<InviteRow[]> {
      return db
        .selectFrom("invites")
        .selectAll()
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .execute();
    },
    /** Deletes an invite, used or not; false when there was none with that id. */
    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom("invites").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    /**
     * Marks the invite used by `email`, in the sign-up's transaction. One conditional update
     * does it, so of two sign-ups with one invite exactly one changes the row; the other is
     * told why the invite did not work.
     */
    async redeem(
      transaction: Transaction<Database>,
      redemption: { tokenHash: string; email: string; now: number },
    ): Promise<InviteRefusal | undefined> {
      const { tokenHash, email, now } = redemption;
      const result = await transaction
        .updateTable("invites")
        .set({ used_at: now })
        .where("token_hash", "=", tokenHash)
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .where((eb) => eb.or([eb("email", "is", null), eb("email", "=", email)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return undefined;
      const invite = await transaction
        .selectFrom("invites")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      if (!invite) return "unknown";
      if (invite.used_at !== null) return "used";
      if (invite.expires_at <= now) return "expired";
      return "other_email";
    },
  };
}

/** The invites part of the store. */
export type InvitesStore = ReturnType<typeof createInvitesStore>;
