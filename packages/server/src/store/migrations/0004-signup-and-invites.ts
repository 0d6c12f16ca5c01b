import type { Kysely, Migration } from "kysely";

/**
 * The sign-up policy and its parts: accounts waiting for approval (a column on users), the
 * settings an admin changes at run time, and invites.
 */
export const signupAndInvitesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("users").addColumn("pending_at", "bigint").execute();
    await db.schema
      .createTable("settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value_json", "text", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("invites")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("email", "text")
      .addColumn("created_by", "text", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .addColumn("used_at", "bigint")
      .execute();
    await db.schema.createIndex("invites_created_at").on("invites").column("created_at").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("invites").execute();
    await db.schema.dropTable("settings").execute();
    await db.schema.alterTable("users").dropColumn("pending_at").execute();
  },
};
