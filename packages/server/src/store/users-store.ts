import type { Kysely, Selectable } from "kysely";
import type { Database, UsersTable } from "./schema.js";

/** A stored account. */
export type UserRow = Selectable<UsersTable>;

/** Accounts. */
export function createUsersStore(db: Kysely<Database>) {
  return {
    async insert(user: UserRow): Promise<void> {
      await db.insertInto("users").values(user).execute();
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
    async count(): Promise<number> {
      // The system account that owns built-in bots is not a person and does not count.
      const row = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("id", "!=", "usr_system")
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

/** The users part of the store. */
export type UsersStore = ReturnType<typeof createUsersStore>;
