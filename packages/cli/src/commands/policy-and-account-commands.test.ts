import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliWorkspace } from "../testing/run-cli.js";

// The sign-up policy, invites, approval, account deletion and password reset, run over --url
// against a started platform (the admin settings, invites and account endpoints).
const server = createCliWorkspace();
const elsewhere = createCliWorkspace();
let platform: { url: string; stop(): Promise<void> };
let adminKey = "";
const password = { input: "correct horse\n" };

beforeAll(async () => {
  await server.createDatabase();
  await server.run(["users", "create", "--email", "ada@example.com", "--password-stdin"], password);
  await server.run(["users", "create", "--email", "bob@example.com", "--password-stdin"], password);
  adminKey = /^pk_\S+$/m.exec((await server.run(["keys", "create"])).stdout)?.[0] ?? "";
  platform = await server.startPlatform();
}, 120_000);
afterAll(async () => {
  await platform.stop();
  server.dispose();
  elsewhere.dispose();
});

const remote = (args: string[], input?: string) =>
  elsewhere.run([...args, "--url", platform.url, "--api-key", adminKey], input ? { input } : {});
const post = (path: string, body: unknown) =>
  fetch(`${platform.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("sign-up policy, invites and account commands over --url", { timeout: 120_000 }, () => {
  it("shows and sets the sign-up policy, locally and over --url", async () => {
    const shown = await server.run(["signup-policy", "--json"]);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      settings: { signup_policy: expect.any(String), signup_policy_source: expect.any(String) },
    });
    const set = await server.run(["signup-policy", "invite"]);
    expect(set).toMatchObject({
      code: 0,
      stdout:
        "Sign-up policy: invite (set by an admin): only people with an invite link can create an account\n",
    });
    expect((await remote(["signup-policy"])).stdout).toMatch(
      /^Sign-up policy: invite \(set by an admin\)/,
    );
    expect(
      (await post("/api/auth/signup", { email: "c@example.com", password: "correct horse" })).ok,
    ).toBe(false);
  });

  it("creates an invite link that expires when asked", async () => {
    const before = Date.now();
    const created = await remote([
      "invites",
      "create",
      "--expires-in-hours",
      "2",
      "--email",
      "c@example.com",
      "--json",
    ]);
    expect(created.code).toBe(0);
    const { invite } = JSON.parse(created.stdout) as {
      invite: { url: string; expires_at: number };
    };
    expect(invite.url).toMatch(/^https?:\/\//);
    expect(invite.expires_at).toBeGreaterThanOrEqual(before + 2 * 3600_000 - 60_000);
    expect(invite.expires_at).toBeLessThanOrEqual(Date.now() + 2 * 3600_000 + 60_000);
    const text = await server.run(["invites", "create"]);
    expect(text.stdout).toMatch(
      /^Invite, single use, until \d{4}-\d\d-\d\d \d\d:\d\d UTC:\nhttps?:\/\/\S+\n$/,
    );
  });

  it("approves an account that waits, with users enable", async () => {
    await server.run(["signup-policy", "approval"]);
    expect(
      (await post("/api/auth/signup", { email: "dee@example.com", password: "correct horse" }))
        .status,
    ).toBeLessThan(300);
    expect((await remote(["users", "list"])).stdout).toMatch(
      /^dee@example\.com\s+user\s+pending\s/m,
    );
    expect((await remote(["users", "enable", "dee@example.com"])).stdout).toBe(
      "dee@example.com is now a user, active\n",
    );
  });

  it("resets a password: the new one signs in, the old one no longer does", async () => {
    const reset = await remote(
      ["users", "reset-password", "bob@example.com", "--password-stdin"],
      "a new passphrase\n",
    );
    expect(reset).toMatchObject({
      code: 0,
      stdout: "New password set for bob@example.com; their sessions have ended\n",
    });
    expect(
      (await post("/api/auth/login", { email: "bob@example.com", password: "a new passphrase" }))
        .status,
    ).toBe(200);
    expect(
      (await post("/api/auth/login", { email: "bob@example.com", password: "correct horse" }))
        .status,
    ).toBe(401);
    const argv = await remote([
      "users",
      "reset-password",
      "bob@example.com",
      "--password",
      "x".repeat(12),
    ]);
    expect(argv.stderr).toMatch(/^parlor: Passwords are not taken on the command line/);
  });

  it("deletes an account once confirmed", async () => {
    const unconfirmed = await server.run(["users", "delete", "bob@example.com"]);
    expect(unconfirmed.stderr).toMatch(/add --yes to confirm\n$/);
    expect((await server.run(["users", "delete", "bob@example.com", "--yes"])).stdout).toBe(
      "Deleted bob@example.com with its conversations, API keys and bots\n",
    );
    expect((await remote(["users", "list"])).stdout).not.toContain("bob@example.com");
  });
});
