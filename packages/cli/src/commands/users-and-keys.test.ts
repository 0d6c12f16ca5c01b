import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliWorkspace, type CliWorkspace } from "../testing/run-cli.js";

/** `parlor users create` with the password on stdin, as scripts give it. */
const createUser = (cli: CliWorkspace, email: string, ...flags: string[]) =>
  cli.run(["users", "create", "--email", email, "--password-stdin", ...flags], {
    input: "correct horse\n",
  });

const cli = createCliWorkspace();
beforeAll(() => cli.createDatabase());
afterAll(() => cli.dispose());

describe("parlor users create / keys create", () => {
  it("makes the first account an admin, refuses a duplicate with one line on stderr", async () => {
    const created = await createUser(cli, "Ada@Example.com");
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toMatch(/^Created admin ada@example\.com \(usr_[\w-]+\)\n$/);

    const again = await createUser(cli, "ada@example.com");
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("parlor: An account with this email already exists\n");
  });

  it("refuses a password on the command line and creates nothing", async () => {
    const refused = await cli.run([
      "users",
      "create",
      "--email",
      "argv@example.com",
      "--password",
      "correct horse",
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^parlor: Passwords are not taken on the command line.*\n$/);
    const listed = await cli.run(["users", "list", "--json"]);
    expect(listed.stdout).not.toContain("argv@example.com");
  });

  it("without a terminal and without --password-stdin, says how to give the password", async () => {
    const result = await cli.run(["users", "create", "--email", "noinput@example.com"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^parlor: No password: .*--password-stdin\n$/);
  });

  it("makes a later account an admin only with --admin", async () => {
    // A platform of its own, so the accounts below are never the first one.
    const own = createCliWorkspace();
    try {
      await own.createDatabase();
      expect((await createUser(own, "first@example.com")).stdout).toMatch(/^Created admin first@/);
      const admin = await createUser(own, "grace@example.com", "--admin");
      expect(admin).toMatchObject({ code: 0, stderr: "" });
      expect(admin.stdout).toMatch(/^Created admin grace@example\.com \(usr_[\w-]+\)\n$/);
      const user = await createUser(own, "linus@example.com");
      expect(user).toMatchObject({ code: 0, stderr: "" });
      expect(user.stdout).toMatch(/^Created user linus@example\.com \(usr_[\w-]+\)\n$/);
    } finally {
      own.dispose();
    }
  });

  it("prints an API key once, and the key signs in to a started platform", async () => {
    const created = await cli.run([
      "keys",
      "create",
      "--email",
      "ada@example.com",
      "--name",
      "laptop",
    ]);
    expect(created.code).toBe(0);
    const key = /^pk_\S+$/m.exec(created.stdout)?.[0];
    expect(key).toBeDefined();

    const platform = await cli.startPlatform();
    try {
      const response = await fetch(`${platform.url}/api/auth/me`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ user: { email: "ada@example.com" } });
    } finally {
      await platform.stop();
    }
  });

  it("says which email is unknown", async () => {
    const result = await cli.run(["keys", "create", "--email", "nobody@example.com"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^parlor: No account with the email nobody@example\.com;.*\n$/);
    expect(result.stdout).toBe("");
  });

  it("reports a bad configuration in one line with exit code 2", async () => {
    const result = await cli.run(
      ["users", "create", "--email", "x@example.com", "--password-stdin"],
      {
        input: "12345678\n",
        env: { PARLOR_SECRET: "short" },
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "parlor: Invalid configuration: PARLOR_SECRET: must be at least 32 characters\n",
    );
  });
});
