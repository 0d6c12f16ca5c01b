import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { OidcAttemptRow } from "./oidc-attempts-store.js";

const attempt = (id: string, expiresAt: number): OidcAttemptRow => ({
  id,
  state: `state-${id}`,
  nonce: `nonce-${id}`,
  code_verifier: `verifier-${id}`,
  return_to: "/",
  expires_at: expiresAt,
});

describe.each(TEST_DIALECTS)("single sign-ons under way (%s)", (dialect) => {
  const store = freshStores(dialect);

  it("gives a sign-in under way once, and not after it expired", async () => {
    const { oidcAttempts } = await store();
    await oidcAttempts.insert(attempt("a", 1_000), 0);
    await oidcAttempts.insert(attempt("b", 1_000), 0);
    expect(await oidcAttempts.take("a", 500)).toEqual(attempt("a", 1_000));
    expect(await oidcAttempts.take("a", 500)).toBeUndefined();
    expect(await oidcAttempts.take("b", 1_000)).toBeUndefined();
  });

  it("forgets abandoned sign-ins when a new one starts", async () => {
    const { db, oidcAttempts } = await store();
    await oidcAttempts.insert(attempt("old", 1_000), 0);
    await oidcAttempts.insert(attempt("new", 9_000), 2_000);
    const ids = await db.selectFrom("oidc_login_attempts").select("id").execute();
    expect(ids.map((row) => row.id)).toEqual(["new"]);
  });
});
