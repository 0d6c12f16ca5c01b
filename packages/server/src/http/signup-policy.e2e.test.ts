import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { requestFrom } from "../testing/request-from.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

const PASSWORD = "correct horse battery";

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

describe.each(TEST_DIALECTS)("sign-up policies on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
  });

  const call = async (method: string, path: string, body?: unknown, client?: TestClient) => {
    const response = await (client
      ? client.request(method, path, body)
      : fetch(`${platform!.url}${path}`, {
          method,
          headers: { "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }));
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  };
  const signUp = (email: string, invite?: string) =>
    call("POST", "/api/auth/signup", { email, password: PASSWORD, ...(invite ? { invite } : {}) });
  const logIn = (email: string) => call("POST", "/api/auth/login", { email, password: PASSWORD });
  /** Starts a platform whose first account (the admin) exists; returns the admin's client. */
  const startWithAdmin = async (env: Record<string, string> = {}) => {
    platform = await startTestPlatform(dialect, { env });
    return platform.signUp("admin@example.com", PASSWORD);
  };
  const setPolicy = (admin: TestClient, policy: string) =>
    call("PATCH", "/api/admin/settings", { signup_policy: policy }, admin);
  const createInvite = async (admin: TestClient, body: Record<string, unknown> = {}) => {
    const created = await call("POST", "/api/admin/invites", body, admin);
    expect(created.status).toBe(201);
    const invite = created.body.invite as { id: string; url: string };
    return { ...invite, token: new URL(invite.url).searchParams.get("invite")! };
  };

  it("is open in development until an admin chooses, and says so to anyone", async () => {
    const admin = await startWithAdmin();
    expect(await call("GET", "/api/admin/settings", undefined, admin)).toEqual({
      status: 200,
      body: { settings: { signup_policy: "open", signup_policy_source: "default" } },
    });
    expect(await call("GET", "/api/auth/signup-policy")).toEqual({
      status: 200,
      body: { signup_policy: "open" },
    });
    const joined = await signUp("anyone@example.com");
    expect(joined).toMatchObject({
      status: 201,
      body: { user: { status: "active", role: "user" } },
    });
    expect((await logIn("anyone@example.com")).status).toBe(200);

    expect(await setPolicy(admin, "closed")).toEqual({
      status: 200,
      body: { settings: { signup_policy: "closed", signup_policy_source: "admin" } },
    });
    expect((await call("GET", "/api/auth/signup-policy")).body).toEqual({
      signup_policy: "closed",
    });
    expect((await setPolicy(admin, "everyone")).status).toBe(400);
  });

  it("waits for approval by default in production, and the first account is still the admin", async () => {
    platform = await startTestPlatform(dialect, {
      env: { PARLOR_ENV: "production", PARLOR_ALLOW_LOOPBACK_BOTS: "true" },
    });
    const first = await signUp("owner@example.com");
    expect(first.body.user).toMatchObject({ role: "admin", status: "active" });
    const admin = await platform.logIn("owner@example.com", PASSWORD);
    expect((await call("GET", "/api/admin/settings", undefined, admin)).body).toEqual({
      settings: { signup_policy: "approval", signup_policy_source: "default" },
    });

    const waiting = await signUp("newcomer@example.com");
    expect(waiting).toMatchObject({ status: 201, body: { user: { status: "pending" } } });
    // The wrong password is just wrong; only the right one learns the account waits.
    expect(
      (
        await call("POST", "/api/auth/login", {
          email: "newcomer@example.com",
          password: "nope nope",
        })
      ).status,
    ).toBe(401);
    expect(await logIn("newcomer@example.com")).toEqual({
      status: 403,
      body: {
        error: { code: "account_pending", message: "An admin has not approved this account yet" },
      },
    });

    const pending = await call("GET", "/api/admin/users?status=pending", undefined, admin);
    const users = pending.body.users as { id: string; email: string; status: string }[];
    expect(users.map((user) => [user.email, user.status])).toEqual([
      ["newcomer@example.com", "pending"],
    ]);
    const active = await call("GET", "/api/admin/users?status=active", undefined, admin);
    expect((active.body.users as { email: string }[]).map((user) => user.email)).toEqual([
      "owner@example.com",
    ]);
    const approved = await call(
      "PATCH",
      `/api/admin/users/${users[0]!.id}`,
      { approved: true },
      admin,
    );
    expect(approved).toMatchObject({ status: 200, body: { user: { status: "active" } } });
    expect((await logIn("newcomer@example.com")).status).toBe(200);
    expect(
      (await call("GET", "/api/admin/users?status=pending", undefined, admin)).body.users,
    ).toEqual([]);
  });

  it("refuses every sign-up but the first when closed", async () => {
    platform = await startTestPlatform(dialect, { env: { PARLOR_SIGNUP: "closed" } });
    expect((await signUp("owner@example.com")).body.user).toMatchObject({ role: "admin" });
    expect(await signUp("stranger@example.com")).toEqual({
      status: 403,
      body: {
        error: {
          code: "signup_closed",
          message: "Sign-up is closed on this Parlor. Ask an admin for an account.",
        },
      },
    });
    expect((await logIn("stranger@example.com")).status).toBe(401);
  });

  it("pins the policy with PARLOR_SIGNUP, which the admin sees and cannot change", async () => {
    const admin = await startWithAdmin({ PARLOR_SIGNUP: "invite" });
    expect((await call("GET", "/api/admin/settings", undefined, admin)).body).toEqual({
      settings: { signup_policy: "invite", signup_policy_source: "environment" },
    });
    expect(await setPolicy(admin, "open")).toEqual({
      status: 409,
      body: {
        error: {
          code: "conflict",
          message: "The sign-up policy is set by PARLOR_SIGNUP on the server",
        },
      },
    });
  });

  it("takes invites once, before they expire, for the email they name, and not once revoked", async () => {
    const admin = await startWithAdmin({ PARLOR_SIGNUP: "invite" });
    expect(await signUp("uninvited@example.com")).toMatchObject({
      status: 403,
      body: { error: { code: "invite_required" } },
    });

    const invite = await createInvite(admin);
    expect(invite.url).toMatch(new RegExp(`^${platform!.url}/signup\\?invite=[\\w-]{32}$`));
    expect(await signUp("invited@example.com", invite.token)).toMatchObject({
      status: 201,
      body: { user: { status: "active", role: "user" } },
    });
    expect((await logIn("invited@example.com")).status).toBe(200);
    expect((await signUp("second@example.com", invite.token)).body.error).toEqual({
      code: "invite_invalid",
      message: "This invite link has already been used. Ask an admin for a new one.",
    });
    expect((await signUp("guess@example.com", "not-a-real-invite")).body.error?.message).toMatch(
      /^This invite link is not valid/,
    );

    const forBob = await createInvite(admin, { email: "Bob@Example.com", expires_in_hours: 1 });
    expect((await signUp("eve@example.com", forBob.token)).body.error?.message).toBe(
      "This invite is for another email address.",
    );
    expect((await signUp("bob@example.com", forBob.token)).status).toBe(201);

    const revoked = await createInvite(admin);
    expect(await call("DELETE", `/api/admin/invites/${revoked.id}`, undefined, admin)).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect((await signUp("late@example.com", revoked.token)).status).toBe(403);
    expect(
      (await call("DELETE", `/api/admin/invites/${revoked.id}`, undefined, admin)).status,
    ).toBe(404);

    const listed = await call("GET", "/api/admin/invites", undefined, admin);
    const invites = listed.body.invites as Record<string, unknown>[];
    expect(invites.map((entry) => [entry.id, entry.email, entry.used_at !== null])).toEqual([
      [forBob.id, "bob@example.com", true],
      [invite.id, null, true],
    ]);
    expect(Object.keys(invites[0]!).sort()).toEqual(
      ["created_at", "email", "expires_at", "id", "used_at"].sort(),
    );
    expect(JSON.stringify(listed.body)).not.toContain(invite.token);
    expect(
      (await call("POST", "/api/admin/invites", { expires_in_hours: 721 }, admin)).status,
    ).toBe(400);
  });

  it("refuses an expired invite", async () => {
    let now = Date.now();
    platform = await startTestPlatform(dialect, {
      env: { PARLOR_SIGNUP: "invite" },
      overrides: { clock: () => now },
    });
    const admin = await platform.signUp("admin@example.com", PASSWORD);
    const invite = await createInvite(admin, { expires_in_hours: 1 });
    now += 3_600_000;
    expect((await signUp("late@example.com", invite.token)).body.error).toEqual({
      code: "invite_invalid",
      message: "This invite link has expired. Ask an admin for a new one.",
    });
  });

  it("lets exactly one of two sign-ups at once use an invite", async () => {
    const admin = await startWithAdmin({ PARLOR_SIGNUP: "invite" });
    for (let round = 0; round < 3; round++) {
      const invite = await createInvite(admin);
      const answers = await Promise.all(
        [0, 1].map((i) => signUp(`racer${round}-${i}@example.com`, invite.token)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403]);
    }
  });

  it("lets a valid invite skip the wait under approval", async () => {
    const admin = await startWithAdmin({ PARLOR_SIGNUP: "approval" });
    const invite = await createInvite(admin);
    expect((await signUp("invited@example.com", invite.token)).body.user).toMatchObject({
      status: "active",
    });
    expect((await signUp("walkin@example.com")).body.user).toMatchObject({ status: "pending" });
  });

  it("limits sign-ups per client address", async () => {
    platform = await startTestPlatform(dialect, {
      env: { PARLOR_RATE_LIMIT_SIGNUPS_PER_HOUR: "3" },
    });
    const signUpFrom = (address: string, email: string) =>
      requestFrom(address, `${platform!.url}/api/auth/signup`, {
        body: { email, password: PASSWORD },
      });
    for (let i = 0; i < 3; i++)
      expect((await signUpFrom("127.0.0.1", `user${i}@example.com`)).status).toBe(201);
    const refused = await signUpFrom("127.0.0.1", "user3@example.com");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({
      error: {
        message: "Too many sign-ups from your address: at most 3 an hour. Try again later.",
      },
    });
    expect((await signUpFrom("127.0.0.2", "user3@example.com")).status).toBe(201);
  });

  it("takes passwords of 8 to 1,024 characters at sign-up", async () => {
    platform = await startTestPlatform(dialect);
    const tryPassword = (password: string) =>
      call("POST", "/api/auth/signup", { email: `p${password.length}@example.com`, password });
    expect((await tryPassword("short")).body.error?.message).toBe(
      "The password must be at least 8 characters long.",
    );
    expect((await tryPassword("x".repeat(1025))).body.error?.message).toBe(
      "Passwords are at most 1,024 characters long.",
    );
    expect((await tryPassword("x".repeat(1024))).status).toBe(201);
    expect((await tryPassword("x".repeat(8))).status).toBe(201);
  });

  it("keeps the sign-up controls from everyone but admins", async () => {
    await startWithAdmin();
    const member = await platform!.signUp("member@example.com", PASSWORD);
    for (const [method, path] of [
      ["GET", "/api/admin/settings"],
      ["GET", "/api/admin/invites"],
      ["POST", "/api/admin/invites"],
    ] as const) {
      expect((await call(method, path, method === "POST" ? {} : undefined, member)).status).toBe(
        404,
      );
      expect((await call(method, path, method === "POST" ? {} : undefined)).status).toBe(404);
    }
  });
});
