import { afterAll, describe, expect, it } from "vitest";
import { createCliWorkspace, stopChild, waitForOutput } from "../testing/run-cli.js";

const cli = createCliWorkspace();
afterAll(() => cli.dispose());

describe("parlor users create / keys create", () => {
  it("makes the first account an admin, refuses a duplicate with one line on stderr", async () => {
    const created = await cli.run([
      "users",
      "create",
      "--email",
      "Ada@Example.com",
      "--password",
      "correct horse",
    ]);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect(created.stdout).toMatch(/^Created admin ada@example\.com \(usr_[\w-]+\)\n$/);

    const again = await cli.run([
      "users",
      "create",
      "--email",
      "ada@example.com",
      "--password",
      "correct horse",
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("parlor: An account with this email already exists\n");
  });

  it("makes a later account an admin only with --admin", async () => {
    // A platform of its own, so the accounts below are never the first one.
    const own = createCliWorkspace();
    try {
      const create = (email: string, ...flags: string[]) =>
        own.run(["users", "create", "--email", email, "--password", "correct horse", ...flags]);
      expect((await create("first@example.com")).stdout).toMatch(/^Created admin first@/);
      const admin = await create("grace@example.com", "--admin");
      expect(admin).toMatchObject({ code: 0, stderr: "" });
      expect(admin.stdout).toMatch(/^Created admin grace@example\.com \(usr_[\w-]+\)\n$/);
      const user = await create("linus@example.com");
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

    const server = cli.start(["start"], { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
    try {
      const [, url] = await waitForOutput(server, /running at (\S+)/);
      const response = await fetch(`${url}/api/auth/me`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ user: { email: "ada@example.com" } });
    } finally {
      await stopChild(server);
    }
  });

  it("says which email is unknown", async () => {
    const result = await cli.run(["keys", "create", "--email", "nobody@example.com"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^parlor: No account with the email nobody@example\.com;.*\n$/);
    expect(result.stdout).toBe("");
  });

  it("reports a bad configuration in one line with exit code 2", async () => {
    const child = cli.start(
      ["users", "create", "--email", "x@example.com", "--password", "12345678"],
      {
        PARLOR_SECRET: "short",
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once("close", resolve));
    expect(code).toBe(2);
    expect(stderr).toBe(
      "parlor: Invalid configuration: PARLOR_SECRET: must be at least 32 characters\n",
    );
  });
});
