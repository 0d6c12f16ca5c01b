import { afterEach, describe, expect, it } from "vitest";
import { sha256 } from "../auth/tokens.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { clientAt, startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

const PASSWORD = "correct horse battery";

describe.each(TEST_DIALECTS)("accounts, sessions and API keys on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
  });

  async function start(env: Record<string, string> = {}) {
    platform = await startTestPlatform(dialect, { env });
    return platform;
  }

  /** A client that sends exactly the headers given, cookie included. */
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${platform!.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const logIn = (email: string, password: string, headers: Record<string, string> = {}) =>
    post("/api/auth/login", { email, password }, headers);
  /** The `name=value` part of a response's Set-Cookie. */
  const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;
  const me = (cookie: string) => clientAt(platform!.url, { cookie }).request("GET", "/api/auth/me");

  it("rotates the session on login: the cookie sent along stops working, the new one works", async () => {
    await start();
    const alice = await platform!.signUp("alice@example.com", PASSWORD);
    expect((await me(alice.cookie)).status).toBe(200);

    const again = await logIn("Alice@Example.com", PASSWORD, { cookie: alice.cookie });
    expect(again.status).toBe(200);
    const rotated = cookieOf(again);
    expect(rotated).not.toBe(alice.cookie);
    expect((await me(alice.cookie)).status).toBe(401);
    const response = await me(rotated);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { email: "alice@example.com" } });
  });

  it("ends the session on logout and clears the cookie", async () => {
    await start();
    const alice = await platform!.signUp("alice@example.com", PASSWORD);
    const out = await post("/api/auth/logout", {}, { cookie: alice.cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^parlor_session=;.*Max-Age=0/);
    expect((await me(alice.cookie)).status).toBe(401);
  });

  it("sets an HttpOnly, SameSite cookie, not Secure over plain HTTP", async () => {
    await start();
    await platform!.signUp("alice@example.com", PASSWORD);
    const login = await logIn("alice@example.com", PASSWORD);
    const header = login.headers.get("set-cookie")!;
    expect(header).toMatch(/^parlor_session=[\w-]{40,};/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/Secure/);
  });

  it("behind an https public URL, uses a Secure __Host- cookie and takes its origin as ours", async () => {
    const publicUrl = "https://chat.example.com";
    await start({ PARLOR_PUBLIC_URL: publicUrl });
    await platform!.signUp("alice@example.com", PASSWORD);
    // A browser behind the proxy sends the public origin, and no Sec-Fetch-Site if it is old.
    const login = await logIn("alice@example.com", PASSWORD, { origin: publicUrl });
    expect(login.status).toBe(200);
    const header = login.headers.get("set-cookie")!;
    expect(header).toMatch(/^__Host-parlor_session=[\w-]{40,};/);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).not.toMatch(/Domain=/);
    const cookie = cookieOf(login);
    expect((await me(cookie)).status).toBe(200);
    // The plain name is not the session cookie here, so it cannot be planted by a subdomain.
    expect((await me(cookie.replace("__Host-", ""))).status).toBe(401);

    const out = await post("/api/auth/logout", {}, { cookie, origin: publicUrl });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^__Host-parlor_session=;.*Secure/);
    expect((await me(cookie)).status).toBe(401);
  });

  it("refuses cookie requests from another site and lets same-origin ones through", async () => {
    const { url } = await start();
    const alice = await platform!.signUp("alice@example.com", PASSWORD);
    const createKey = (headers: Record<string, string>) =>
      post("/api/keys", { name: "k" }, { cookie: alice.cookie, ...headers });

    for (const foreign of [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: url },
      { "sec-fetch-site": "cross-site", origin: url },
    ]) {
      const refused = await createKey(foreign);
      expect(refused.status, JSON.stringify(foreign)).toBe(403);
      expect(await refused.json()).toEqual({
        error: { code: "csrf", message: "Cross-site request refused" },
      });
    }
    // Login and logout are cookie requests too: a foreign page can neither sign in nor out.
    expect(
      (await logIn("alice@example.com", PASSWORD, { origin: "https://evil.example" })).status,
    ).toBe(403);
    expect(
      (await post("/api/auth/logout", {}, { cookie: alice.cookie, "sec-fetch-site": "cross-site" }))
        .status,
    ).toBe(403);
    expect((await me(alice.cookie)).status).toBe(200);

    for (const own of [{ origin: url }, { "sec-fetch-site": "same-origin" }, {}]) {
      expect((await createKey(own)).status, JSON.stringify(own)).toBe(201);
    }
  });

  it("answers a wrong password and an unknown email alike", async () => {
    await start();
    await platform!.signUp("alice@example.com", PASSWORD);
    const wrongPassword = await logIn("alice@example.com", "not the password");
    const unknownEmail = await logIn("nobody@example.com", PASSWORD);
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const expected = { error: { code: "unauthenticated", message: "Wrong email or password" } };
    expect(await wrongPassword.json()).toEqual(expected);
    expect(await unknownEmail.json()).toEqual(expected);
    expect(wrongPassword.headers.get("set-cookie")).toBeNull();
    expect(unknownEmail.headers.get("set-cookie")).toBeNull();
  });

  it("makes the first account an admin and later ones users", async () => {
    await start();
    const signUp = async (email: string) =>
      (
        (await (await post("/api/auth/signup", { email, password: PASSWORD })).json()) as {
          user: { role: string };
        }
      ).user.role;
    expect(await signUp("first@example.com")).toBe("admin");
    expect(await signUp("second@example.com")).toBe("user");
    const second = await logIn("second@example.com", PASSWORD);
    expect(await (await me(cookieOf(second))).json()).toMatchObject({
      user: { email: "second@example.com", role: "user" },
    });
  });

  it("limits failed logins per account, forgets them at a right one, and leaves other accounts alone", async () => {
    await start({ PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE: "3" });
    for (const email of ["ann@example.com", "bob@example.com"])
      await post("/api/auth/signup", { email, password: PASSWORD });
    expect((await logIn("ann@example.com", "wrong password")).status).toBe(401);
    expect((await logIn("ANN@example.com", "wrong again")).status).toBe(401);
    // A right password clears the count: only failures add up.
    expect((await logIn("ann@example.com", PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await logIn("ann@example.com", `wrong ${i}`)).status).toBe(401);
    // The fourth failure within the minute is refused, even with the right password.
    const refused = await logIn("ann@example.com", PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many failed logins to this account from your address\. Try again in \d+ seconds\.$/,
    );
    expect((await logIn("bob@example.com", PASSWORD)).status).toBe(200);
  });

  it("makes exactly one admin when the first accounts sign up at the same moment", async () => {
    await start();
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        post("/api/auth/signup", { email: `early${i}@example.com`, password: PASSWORD }),
      ),
    );
    const roles = await Promise.all(
      responses.map(
        async (response) => ((await response.json()) as { user: { role: string } }).user.role,
      ),
    );
    expect(roles.filter((role) => role === "admin")).toHaveLength(1);
    expect(roles.filter((role) => role === "user")).toHaveLength(4);
  });

  it("shows an API key once, lists it without the secret, stores its hash, and refuses it once revoked", async () => {
    await start();
    const alice = await platform!.signUp("alice@example.com", PASSWORD);
    const created = await alice.json<{ id: string; key: string; prefix: string }>(
      "POST",
      "/api/keys",
      { name: "laptop" },
    );
    expect(created.key).toMatch(/^pk_[\w-]{32}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(created.key.length - 20);

    const listing = await alice.request("GET", "/api/keys");
    const listed = await listing.text();
    expect(listed).not.toContain(created.key);
    expect(listed).not.toContain(sha256(created.key));
    expect(JSON.parse(listed)).toEqual({
      keys: [expect.objectContaining({ id: created.id, name: "laptop", prefix: created.prefix })],
    });
    expect(Object.keys((JSON.parse(listed) as { keys: object[] }).keys[0]!)).not.toContain(
      "key_hash",
    );

    const row = await platform!.database.handle.db
      .selectFrom("api_keys")
      .selectAll()
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(sha256(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const byKey = clientAt(platform!.url, { apiKey: created.key });
    expect((await byKey.request("GET", "/api/auth/me")).status).toBe(200);
    expect((await byKey.request("GET", "/v1/models")).status).toBe(200);

    expect((await alice.request("DELETE", `/api/keys/${created.id}`)).status).toBe(200);
    const revoked = await byKey.request("GET", "/api/auth/me");
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { message: "Invalid API key" } });
    expect((await byKey.request("GET", "/v1/models")).status).toBe(401);
  });
});
