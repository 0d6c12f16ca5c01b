import type { Kysely, Selectable } from "kysely";
import type { Database, OidcIdentitiesTable } from "./schema.js";

/** A link from a person at an OpenID Connect provider to their account. */
export type IdentityRow = Selectable<OidcIdentitiesTable>;

/** Single sign-on identities: issuer and subject → account. */
export function createIdentitiesStore(db: Kysely<Database>) {
  return {
    find(issuer: string, subject: string): Promise<IdentityRow | undefined> {
      return db
        .selectFrom("oidc_identities")
        .selectAll()
        .where("issuer", "=", issuer)
        .where("subject", "=", subject)
        .executeTakeFirst();
    },
    /** Links an identity; a second link of the same identity (two sign-ins racing) is a no-op. */
    async link(identity: IdentityRow): Promise<void> {
      await db
        .insertInto("oidc_identities")
        .values(identity)
        .onConflict((conflict) => conflict.columns(["issuer", "subject"]).doNothing())
        .execute();
    },
  };
}

/** The identities part of the store. */
export type IdentitiesStore = ReturnType<typeof createIdentitiesStore>;
