import { randomBytes } from "node:crypto";
import { PostgresAdapter, type Kysely, type Migration } from "kysely";

/**
 * What people manage about their own account: a display name and an avatar (bytes in their own
 * table, as bots' are), and sessions they can list and end: each gets a public id (the row's id
 * is the token's hash and stays secret), when it was last used, and the browser and address it
 * was opened from. Sessions open before this migration get a public id here.
 */
export const accountProfileMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
    await db.schema.alterTable("users").addColumn("display_name", "text").execute();
    await db.schema.alterTable("users").addColumn("avatar_version", "bigint").execute();
    await db.schema
      .createTable("user_avatars")
      .addColumn("user_id", "text", (c) =>
        c.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("content_type", "text", (c) => c.notNull())
      .addColumn("bytes", bytes, (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable("sessions")
      .addColumn("public_id", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema.alterTable("sessions").addColumn("last_seen_at", "bigint").execute();
    await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
    await db.schema.alterTable("sessions").addColumn("client_address", "text").execute();
    const sessions = db as unknown as Kysely<{ sessions: { id: string; public_id: string } }>;
    const open = await sessions.selectFrom("sessions").select("id").execute();
    for (const { id } of open) {
      await sessions
        .updateTable("sessions")
        .set({ public_id: `ses_${randomBytes(12).toString("base64url")}` })
        .where("id", "=", id)
        .execute();
    }
    await db.schema
      .createIndex("sessions_by_public_id")
      .on("sessions")
      .column("public_id")
      .unique()
      .execute();
    await db.schema.createIndex("sessions_by_user").on("sessions").column("user_id").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("sessions_by_user").execute();
    await db.schema.dropIndex("sessions_by_public_id").execute();
    for (const column of ["client_address", "user_agent", "last_seen_at", "public_id"])
      await db.schema.alterTable("sessions").dropColumn(column).execute();
    await db.schema.dropTable("user_avatars").execute();
    await db.schema.alterTable("users").dropColumn("avatar_version").execute();
    await db.schema.alterTable("users").dropColumn("display_name").execute();
  },
};
