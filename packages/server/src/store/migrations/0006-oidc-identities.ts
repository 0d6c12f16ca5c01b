import type { Kysely, Migration } from "kysely";

/**
 * Single sign-on: which provider identity (issuer and subject) is which account, and the
 * sign-ins under way (state, nonce and PKCE verifier, each used once).
 */
export const oidcIdentitiesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("oidc_identities")
      .addColumn("issuer", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("oidc_identities_pk", ["issuer", "subject"])
      .execute();
    await db.schema
      .createIndex("oidc_identities_by_user")
      .on("oidc_identities")
      .column("user_id")
      .execute();
    await db.schema
      .createTable("oidc_login_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("code_verifier", "text", (c) => c.notNull())
      .addColumn("return_to", "text", (c) => c.notNull())
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("oidc_login_attempts").execute();
    await db.schema.dropTable("oidc_identities").execute();
  },
};
