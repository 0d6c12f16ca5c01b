import type { Kysely, Migration } from "kysely";

/**
 * What admins and the web app need: disabled accounts, bots hidden by an admin, and whether a
 * failed reply is worth retrying.
 */
export const adminAndRepliesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("users").addColumn("disabled_at", "bigint").execute();
    await db.schema.alterTable("bots").addColumn("hidden_at", "bigint").execute();
    await db.schema.alterTable("messages").addColumn("error_allow_retry", "integer").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("messages").dropColumn("error_allow_retry").execute();
    await db.schema.alterTable("bots").dropColumn("hidden_at").execute();
    await db.schema.alterTable("users").dropColumn("disabled_at").execute();
  },
};
