import { sql, type Kysely, type Selectable } from "kysely";
import { isPostgres } from "./database.js";
import type { Database, UsersTable } from "./schema.js";

/** A stored account. */
export type UserRow = Selectable<UsersTable>;

/** Who an account is, as each request needs it (a session or API key brings it along). */
export type UserIdentity = Pick<UserRow, "id" | "email" | "role">;

/** The account that owns built-in bots: it cannot sign in, and is not counted as a person. */
export const SYSTEM_USER_ID = "usr_system";

/** Accounts. */
export function createUsersStore(db: Kysely<Database>) {
  const onPostgres = isPostgres(db);
  return {
    async insert(user: UserRow): Promise<void> {
      await db.insertInto("users").values(user).execute();
    },
    /**
     * Inserts a person's account as an admin when `admin` is set or when it is the first one.
     * "First" is decided inside the insert's transaction (on PostgreSQL under a table lock), so
     * two accounts signing up at once cannot both become the first admin.
     */
    insertPerson(user: Omit<UserRow, "role">, admin: boolean): Promise<UserRow> {
      return db.transaction().execute(async (transaction) => {
        // SQLite runs one transaction at a time on the platform's connection already.
        if (onPostgres)
          await sql`lock table users in share row exclusive mode`.execute(transaction);
        const { n } = await transaction
          .selectFrom("users")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("id", "!=", SYSTEM_USER_ID)
          .executeTakeFirstOrThrow();
        const row: UserRow = { ...user, role: admin || Number(n) === 0 ? "admin" : "user" };
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
  };
}

/** The users part of the store. */
export type UsersStore = ReturnType<typeof createUsersStore>;
