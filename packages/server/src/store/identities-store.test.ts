import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { userRow } from "../testing/store-rows.js";

describe.each(TEST_DIALECTS)("single sign-on identities (%s)", (dialect) => {
  const store = freshStores(dialect);

  it("links an identity once, and forgets it with its account", async () => {
    const { db, identities, users } = await store();
    await users.insert(userRow({ id: "u1" }));
    const link = {
      issuer: "https://idp",
      subject: "s1",
      user_id: "u1",
      email: "a@x.io",
      created_at: 1,
    };
    await identities.link(link);
    await identities.link({ ...link, created_at: 2 });
    expect(await identities.find("https://idp", "s1")).toEqual(link);
    expect(await identities.find("https://other-idp", "s1")).toBeUndefined();
    await db.deleteFrom("users").where("id", "=", "u1").execute();
    expect(await identities.find("https://idp", "s1")).toBeUndefined();
  });
});
