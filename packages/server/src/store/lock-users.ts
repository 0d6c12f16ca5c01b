import { sql, type Transaction } from "kysely";
import { isPostgres } from "./database.js";
import type { Database } from "./schema.js";

/**
 * Serializes writes that count accounts (admins left, the first account) under a table lock on
 * PostgreSQL; SQLite runs one write transaction at a time already.
 */
export async function lockUsers(transaction: Transaction<Database>): Promise<void> {
  if (isPostgres(transaction))
    await sql`lock table users in share row exclusive mode`.execute(transaction);
}
