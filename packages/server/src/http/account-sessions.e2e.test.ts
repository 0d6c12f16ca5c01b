import { afterEach, describe, expect, it } from "vitest";
import { sha256 } from "../auth/tokens.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { clientAt, startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

const PASSWORD = "correct horse battery";

/** A session as `GET /api/account/sessions` lists it. */
interface ListedSession {
  id: string;
  created_at: number;
  last_seen_at: number | null;
  user_agent: string | null;
  client_address: string | null;
  current: boolean;
}

describe.each(TEST_DIALECTS)("password changes and sessions on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
  });

  /** Logs in with a chosen User-Agent; returns the cookie, or the failed response. */
  async function logIn(email: string, password: string, userAgent = "test-agent") {
    const response = await fetch(`${platform!.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": userAgent },
      body: JSON.stringify({ email, password }),
    });
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    return { status: response.status, client: clientAt(platform!.url, { cookie: cookie ?? "" }) };
  }
  const statusOfMe = async (client: { request: (m: string, p: string) => Promise<Response> }) =>
    (await client.request("GET", "/api/auth/me")).status;

  it("changes the password: other sessions end, this one stays, only the new password works", async () => {
    platform = await startTestPlatform(dialect);
    const laptop = await platform.signUp("alice@example.com", PASSWORD);
    const phone = (await logIn("alice@example.com", PASSWORD)).client;

    const wrong = await laptop.request("POST", "/api/account/password", {
      current_password: "not my password",
      new_password: "a brand new password",
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({
      error: { code: "wrong_password", message: "The password is not right" },
    });
    for (const newPassword of ["short", "x".repeat(1025)]) {
      const refused = await laptop.request("POST", "/api/account/password", {
        current_password: PASSWORD,
        new_password: newPassword,
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        "The password must have 8 to 1,024 characters.",
      );
    }
    expect(await statusOfMe(phone)).toBe(200);

    const changed = await laptop.request("POST", "/api/account/password", {
      current_password: PASSWORD,
      new_password: "a brand new password",
    });
    expect(changed.status).toBe(200);
    expect(await statusOfMe(laptop)).toBe(200);
    expect(await statusOfMe(phone)).toBe(401);
    expect((await logIn("alice@example.com", PASSWORD)).status).toBe(401);
    expect((await logIn("alice@example.com", "a brand new password")).status).toBe(200);
  });

  it("lists live sessions by a public id, with where each was opened, and marks this one", async () => {
    platform = await startTestPlatform(dialect);
    await platform.signUp("alice@example.com", PASSWORD);
    const laptop = await logIn("alice@example.com", PASSWORD, "Laptop Browser/1.0");
    const phone = await logIn("alice@example.com", PASSWORD, "Phone Browser/2.0");
    const bob = await platform.signUp("bob@example.com", PASSWORD);

    const { sessions } = await laptop.client.json<{ sessions: ListedSession[] }>(
      "GET",
      "/api/account/sessions",
    );
    // The sign-up helper's own login, the laptop and the phone; not Bob's.
    expect(sessions).toHaveLength(3);
    const current = sessions.filter((session) => session.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({
      user_agent: "Laptop Browser/1.0",
      client_address: expect.stringMatching(/127\.0\.0\.1/) as unknown,
    });
    expect(current[0]!.last_seen_at).toEqual(expect.any(Number));
    const token = laptop.client.cookie.split("=")[1]!;
    for (const session of sessions) {
      expect(session.id).toMatch(/^ses_/);
      expect(session.id).not.toContain(sha256(token));
      expect(JSON.stringify(session)).not.toContain(token);
    }

    // Ending one by its id signs that browser out; someone else's id is not found.
    const phoneSession = sessions.find((session) => session.user_agent === "Phone Browser/2.0")!;
    const bobs = await bob.json<{ sessions: ListedSession[] }>("GET", "/api/account/sessions");
    expect(
      (await laptop.client.request("DELETE", `/api/account/sessions/${bobs.sessions[0]!.id}`))
        .status,
    ).toBe(404);
    expect(await statusOfMe(bob)).toBe(200);
    const ended = await laptop.client.request("DELETE", `/api/account/sessions/${phoneSession.id}`);
    expect(ended.status).toBe(200);
    expect(await statusOfMe(phone.client)).toBe(401);
    expect(await statusOfMe(laptop.client)).toBe(200);
    expect(
      (await laptop.client.request("DELETE", `/api/account/sessions/${phoneSession.id}`)).status,
    ).toBe(404);

    // Ending all the others keeps this one.
    const other = await logIn("alice@example.com", PASSWORD);
    const endOthers = await laptop.client.request("POST", "/api/account/sessions/end-others");
    expect(await endOthers.json()).toEqual({ ok: true, ended: 2 });
    expect(await statusOfMe(other.client)).toBe(401);
    const left = await laptop.client.json<{ sessions: ListedSession[] }>(
      "GET",
      "/api/account/sessions",
    );
    expect(left.sessions.map((session) => session.current)).toEqual([true]);
    expect(await statusOfMe(bob)).toBe(200);
  });

  it("signs this browser out when it ends its own session", async () => {
    platform = await startTestPlatform(dialect);
    const alice = await platform.signUp("alice@example.com", PASSWORD);
    const { sessions } = await alice.json<{ sessions: ListedSession[] }>(
      "GET",
      "/api/account/sessions",
    );
    const ended = await alice.request("DELETE", `/api/account/sessions/${sessions[0]!.id}`);
    expect(ended.status).toBe(200);
    expect(ended.headers.get("set-cookie")).toMatch(/^parlor_session=;.*Max-Age=0/);
    expect(await statusOfMe(alice)).toBe(401);
  });

  it("lets an admin set a new password, which ends all of that person's sessions", async () => {
    platform = await startTestPlatform(dialect);
    const admin = await platform.signUp("admin@example.com", PASSWORD);
    const bob = await platform.signUp("bob@example.com", PASSWORD);
    const { user } = await bob.json<{ user: { id: string } }>("GET", "/api/auth/me");

    const short = await admin.request("POST", `/api/admin/users/${user.id}/password`, {
      password: "short",
    });
    expect(short.status).toBe(400);
    expect(await statusOfMe(bob)).toBe(200);
    const unknown = await admin.request("POST", "/api/admin/users/usr_nobody/password", {
      password: "a new password for bob",
    });
    expect(unknown.status).toBe(404);
    // Not an admin: the route is not there for them.
    const bobTries = await bob.request("POST", `/api/admin/users/${user.id}/password`, {
      password: "a new password for bob",
    });
    expect(bobTries.status).toBe(404);

    const reset = await admin.request("POST", `/api/admin/users/${user.id}/password`, {
      password: "a new password for bob",
    });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toEqual({ ok: true });
    expect(await statusOfMe(bob)).toBe(401);
    expect(await statusOfMe(admin)).toBe(200);
    expect((await logIn("bob@example.com", PASSWORD)).status).toBe(401);
    expect((await logIn("bob@example.com", "a new password for bob")).status).toBe(200);
  });
});
