import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliWorkspace } from "../testing/run-cli.js";

const cli = createCliWorkspace();
const password = { input: "correct horse\n" };
beforeAll(async () => {
  await cli.createDatabase();
  await cli.run(["users", "create", "--email", "ada@example.com", "--password-stdin"], password);
  await cli.run(["users", "create", "--email", "bob@example.com", "--password-stdin"], password);
}, 120_000);
afterAll(() => cli.dispose());

/** The JSON a `--json` command printed, once it succeeded. */
async function json<T>(args: string[]): Promise<T> {
  const result = await cli.run([...args, "--json"]);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return JSON.parse(result.stdout) as T;
}

interface Users {
  users: { email: string; role: string; disabled_at: number | null }[];
}

// Each test runs several commands, each a process of its own.
describe("parlor on this machine's database", { timeout: 120_000 }, () => {
  it("prints the CLI package's version", async () => {
    const { version } = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    const result = await cli.run(["--version"]);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("lists accounts as a table and as JSON", async () => {
    const table = await cli.run(["users", "list"]);
    expect(table.code).toBe(0);
    const [heading, ...rows] = table.stdout.trimEnd().split("\n");
    expect(heading).toMatch(/^EMAIL\s+ROLE\s+STATUS\s+CREATED\s+ID$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^bob@example\.com\s+user\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+usr_/,
    );
    expect(rows[1]).toMatch(/^ada@example\.com\s+admin\s+active\s/);

    const listed = await json<Users>(["users", "list", "--search", "bob"]);
    expect(listed.users.map((user) => user.email)).toEqual(["bob@example.com"]);
  });

  it("disables and enables an account, makes it an admin and a user again", async () => {
    const disabled = await cli.run(["users", "disable", "Bob@Example.com"]);
    expect(disabled).toMatchObject({
      code: 0,
      stdout: "bob@example.com is now a user, disabled\n",
    });
    const afterDisable = await json<Users>(["users", "list", "--search", "bob"]);
    expect(afterDisable.users[0]?.disabled_at).toEqual(expect.any(Number));

    expect((await cli.run(["users", "enable", "bob@example.com"])).stdout).toBe(
      "bob@example.com is now a user, active\n",
    );
    expect((await cli.run(["users", "set-admin", "bob@example.com"])).stdout).toBe(
      "bob@example.com is now an admin, active\n",
    );
    const demoted = await json<{ user: { role: string } }>([
      "users",
      "set-admin",
      "bob@example.com",
      "--remove",
    ]);
    expect(demoted.user.role).toBe("user");
  });

  it("explains what it refuses: an unknown user, the admin demoting themselves", async () => {
    const unknown = await cli.run(["users", "disable", "nobody@example.com"]);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: "parlor: No such user: nobody@example.com\n",
    });
    const self = await cli.run(["users", "set-admin", "ada@example.com", "--remove"]);
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/^parlor: .*cannot remove your own admin role\n$/);
  });

  it("creates, lists and revokes keys; the key a command signs with is never left behind", async () => {
    const created = await json<{ id: string; key: string; email: string }>([
      "keys",
      "create",
      "--name",
      "deploy",
    ]);
    expect(created).toMatchObject({ email: "ada@example.com", key: expect.stringMatching(/^pk_/) });
    const forBob = await cli.run([
      "keys",
      "create",
      "--email",
      "bob@example.com",
      "--name",
      "bob's",
    ]);
    expect(forBob.stdout).toMatch(/^API key "bob's" for bob@example\.com;/);

    const table = await cli.run(["keys", "list"]);
    const [heading, ...rows] = table.stdout.trimEnd().split("\n");
    expect(heading).toMatch(/^ID\s+NAME\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED$/);
    // Only the key made above: every command signed with a key of its own, deleted after it.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^${created.id}\\s+deploy\\s+${created.key.slice(0, 9)}…`));

    const revoked = await cli.run(["keys", "revoke", created.id]);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked API key ${created.id}\n` });
    const { keys } = await json<{ keys: { id: string; revoked_at: number | null }[] }>([
      "keys",
      "list",
    ]);
    expect(keys).toEqual([
      expect.objectContaining({ id: created.id, revoked_at: expect.any(Number) }),
    ]);
    const again = await cli.run(["keys", "revoke", created.id]);
    expect(again).toMatchObject({
      code: 1,
      stderr: `parlor: No active API key with the id ${created.id}\n`,
    });

    const bobs = await json<{ keys: { name: string }[] }>([
      "keys",
      "list",
      "--email",
      "bob@example.com",
    ]);
    expect(bobs.keys.map((key) => key.name)).toEqual(["bob's"]);
  });

  it("lists every bot and deletes one only once confirmed", async () => {
    const created = await cli.run([
      "bots",
      "create",
      "--owner",
      "bob@example.com",
      "--name",
      "bobs-bot",
      "--server-url",
      "http://127.0.0.1:1",
      "--private",
    ]);
    expect(created.code).toBe(0);
    const table = await cli.run(["bots", "list"]);
    expect(table.stdout).toMatch(
      /^HANDLE\s+NAME\s+KIND\s+VISIBILITY\s+OWNER\s+CREATED\s+SERVER URL$/m,
    );
    expect(table.stdout).toMatch(
      /^bobs-bot\s+bobs-bot\s+server\s+private\s+bob@example\.com\s.*http:\/\/127\.0\.0\.1:1\/?$/m,
    );
    expect(table.stdout).toMatch(/^echo\s+Echo\s+in_process\s+public\s/m);

    const unconfirmed = await cli.run(["bots", "delete", "bobs-bot"]);
    expect(unconfirmed).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/add --yes to confirm\n$/),
    });
    expect((await cli.run(["bots", "delete", "bobs-bot", "--yes"])).stdout).toBe(
      "Deleted the bot bobs-bot\n",
    );
    const { bots } = await json<{ bots: { handle: string }[] }>(["bots", "list"]);
    expect(bots.map((bot) => bot.handle)).not.toContain("bobs-bot");
    const gone = await cli.run(["bots", "delete", "bobs-bot", "--yes"]);
    expect(gone).toMatchObject({ code: 1, stderr: "parlor: No such bot: bobs-bot\n" });
  });

  it("refuses --api-key without --url, and a signup-policy that does not exist", async () => {
    const key = await cli.run(["users", "list", "--api-key", "pk_x"]);
    expect(key).toMatchObject({ code: 1, stderr: "parlor: --api-key goes with --url\n" });
    const policy = await cli.run(["signup-policy", "sometimes"]);
    expect(policy.code).toBe(1);
    expect(policy.stderr).toBe(
      "parlor: The sign-up policy is one of open, approval, invite, closed, not sometimes\n",
    );
  });
});
