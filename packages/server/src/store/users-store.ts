import { type Kysely, type Selectable, type Transaction } from "kysely";
import { containsText } from "./contains-text.js";
import { lockUsers } from "./lock-users.js";
import { readPage, type Page, type PageRequest } from "./list-page.js";
import type { Database, UsersTable } from "./schema.js";

/** A stored account. */
export type UserRow = Selectable<UsersTable>;

/** A new account: profile fields the person sets later, and approval, may be left out. */
export type NewUser = Omit<UserRow, "display_name" | "avatar_version" | "pending_at"> &
  Partial<Pick<UserRow, "display_name" | "avatar_version" | "pending_at">>;

/** Who an account is, as each request needs it (a session or API key brings it along). */
export type UserIdentity = Pick<UserRow, "id" | "email" | "role">;

/** What an admin may change about an account: its role, and whether it is disabled. */
export interface AccountChanges {
  role?: UserRow["role"] | undefined;
  disabled?: boolean | undefined;
  /** Lets an account that waits for approval sign in. */
  approved?: true | undefined;
}

/** Where an account stands: it may sign in, it waits for an admin's approval, or it is disabled. */
export type AccountStatus = "active" | "pending" | "disabled";

/** An account's {@link AccountStatus}; disabled wins over pending. */
export function accountStatus(user: Pick<UserRow, "disabled_at" | "pending_at">): AccountStatus {
  if (user.disabled_at !== null) return "disabled";
  return user.pending_at === null ? "active" : "pending";
}

/**
 * Decides, inside the sign-up's transaction, whether an account other than the first may be
 * created: it throws to refuse (nothing is written), or says whether the account waits for
 * approval. Redeeming an invite here makes the invite and the account one commit.
 */
export type AdmitAccount = (
  transaction: Transaction<Database>,
  user: Pick<UserRow, "email">,
) => Promise<{ pending: boolean }>;

/** The result of {@link UsersStore.updateAccount}. */
export type AccountUpdate =
  | { updated: UserRow }
  /** The change would leave the platform without an admin who can sign in. */
  | { refused: "last_admin" }
  | { refused: "not_found" };

/** Since when an account is disabled after a change: as before, since `now`, or not at all. */
function disabledSince(
  current: number | null,
  disabled: boolean | undefined,
  now: number,
): number | null {
  if (disabled === undefined) return current;
  return disabled ? (current ?? now) : null;
}

/** The account that owns built-in bots: it cannot sign in, and is not counted as a person. */
export const SYSTEM_USER_ID = "usr_system";

/**
 * Accounts. `onAccountChange` runs after an account's role or standing changed, so whatever
 * keeps identities in memory (sessions, API keys) forgets them at once.
 */
export function createUsersStore(db: Kysely<Database>, onAccountChange: () => void = () => {}) {
  /** Serializes writes that count accounts (SQLite runs one transaction at a time already). */
  return {
    async insert(user: NewUser): Promise<void> {
      await db.insertInto("users").values(user).execute();
    },
    /**
     * Inserts a person's account as an admin when `admin` is set or when it is the first one.
     * "First" is decided inside the insert's transaction (on PostgreSQL under a table lock), so
     * two accounts signing up at once cannot both become the first admin. Every account but the
     * first passes `admit` (the sign-up policy) when given; the first is admitted as an admin.
     */
    insertPerson(
      user: Omit<NewUser, "role" | "pending_at">,
      admin: boolean,
      admit?: AdmitAccount,
    ): Promise<UserRow> {
      return db.transaction().execute(async (transaction) => {
        await lockUsers(transaction);
        const { n } = await transaction
          .selectFrom("users")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("id", "!=", SYSTEM_USER_ID)
          .executeTakeFirstOrThrow();
        const first = Number(n) === 0;
        const { pending } = first || !admit ? { pending: false } : await admit(transaction, user);
        const row: UserRow = {
          display_name: null,
          avatar_version: null,
          ...user,
          role: admin || first ? "admin" : "user",
          pending_at: pending ? user.created_at : null,
        };
        await transaction.insertInto("users").values(row).execute();
        return row;
      });
    },
    findByEmail(email: string): Promise<UserRow | undefined> {
      return db
        .selectFrom("users")
        .selectAll()
        .where("email", "=", email.toLowerCase())
        .executeTakeFirst();
    },
    findById(id: string): Promise<UserRow | undefined> {
      return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    },
    /** Changes what a person shows of themselves; false when there is no such person. */
    async updateProfile(id: string, changes: Pick<UserRow, "display_name">): Promise<boolean> {
      const result = await db
        .updateTable("users")
        .set({ display_name: changes.display_name })
        .where("id", "=", id)
        .where("id", "!=", SYSTEM_USER_ID)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /** People's accounts, newest first, optionally those whose email contains some text. */
    listPeople(
      page: PageRequest & {
        emailContains?: string | undefined;
        status?: AccountStatus | undefined;
      },
    ): Promise<Page<UserRow>> {
      let query = db.selectFrom("users").selectAll().where("id", "!=", SYSTEM_USER_ID);
      if (page.emailContains) query = query.where(containsText("email", page.emailContains));
      if (page.status === "disabled") query = query.where("disabled_at", "is not", null);
      else if (page.status)
        query = query
          .where("disabled_at", "is", null)
          .where("pending_at", page.status === "pending" ? "is not" : "is", null);
      return readPage(query, { time: "created_at", id: "id" }, page, (row) => ({
        at: row.created_at,
        id: row.id,
      }));
    },
    /**
     * Changes a person's role or standing (disabled since `now`, unless they already were).
     * Disabling ends their sessions in the same commit.
     * Demoting or disabling an admin is refused when no other enabled admin would remain,
     * decided under a table lock so two admins demoting each other cannot both succeed.
     */
    async updateAccount(id: string, changes: AccountChanges, now: number): Promise<AccountUpdate> {
      const result = await db.transaction().execute(async (transaction): Promise<AccountUpdate> => {
        await lockUsers(transaction);
        const user = await transaction
          .selectFrom("users")
          .selectAll()
          .where("id", "=", id)
          .where("id", "!=", SYSTEM_USER_ID)
          .executeTakeFirst();
        if (!user) return { refused: "not_found" };
        const updated: UserRow = {
          ...user,
          role: changes.role ?? user.role,
          disabled_at: disabledSince(user.disabled_at, changes.disabled, now),
          pending_at: changes.approved ? null : user.pending_at,
        };
        const losesAdmin =
          user.role === "admin" &&
          user.disabled_at === null &&
          (updated.role !== "admin" || updated.disabled_at !== null);
        if (losesAdmin) {
          const { n } = await transaction
            .selectFrom("users")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("role", "=", "admin")
            .where("disabled_at", "is", null)
            .where("pending_at", "is", null)
            .where("id", "!=", id)
            .executeTakeFirstOrThrow();
          if (Number(n) === 0) return { refused: "last_admin" };
        }
        await transaction
          .updateTable("users")
          .set({
            role: updated.role,
            disabled_at: updated.disabled_at,
            pending_at: updated.pending_at,
          })
          .where("id", "=", id)
          .execute();
        if (updated.disabled_at !== null)
          await transaction.deleteFrom("sessions").where("user_id", "=", id).execute();
        return { updated };
      });
      if ("updated" in result) onAccountChange();
      return result;
    },
  };
}

/** The users part of the store. */
export type UsersStore = ReturnType<typeof createUsersStore>;
