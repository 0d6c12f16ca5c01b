import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliWorkspace } from "../testing/run-cli.js";

// The platform runs as `parlor start` in one workspace; the commands run from another, whose
// data folder stays empty: everything goes over HTTP.
const server = createCliWorkspace();
const elsewhere = createCliWorkspace();
let platform: { url: string; stop(): Promise<void> };
let adminKey = "";
let userKey = "";

const keyOf = (stdout: string) => /^pk_\S+$/m.exec(stdout)?.[0] ?? "";

beforeAll(async () => {
  await server.createDatabase();
  for (const email of ["ada@example.com", "bob@example.com"]) {
    await server.run(["users", "create", "--email", email, "--password-stdin"], {
      input: "correct horse\n",
    });
  }
  adminKey = keyOf((await server.run(["keys", "create", "--name", "admin laptop"])).stdout);
  userKey = keyOf((await server.run(["keys", "create", "--email", "bob@example.com"])).stdout);
  platform = await server.startPlatform();
}, 120_000);
afterAll(async () => {
  await platform.stop();
  server.dispose();
  elsewhere.dispose();
});

/** Runs a command against the started platform with `key`. */
const remote = (args: string[], key = adminKey, input?: string) =>
  elsewhere.run([...args, "--url", platform.url, "--api-key", key], input ? { input } : {});

// Each test runs several commands, each a process of its own.
describe("parlor --url", { timeout: 120_000 }, () => {
  it("lists and changes accounts over the API, touching no local database", async () => {
    const listed = await remote(["users", "list"]);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(listed.stdout).toMatch(/^bob@example\.com\s+user\s+active\s/m);
    expect(listed.stdout).toMatch(/^ada@example\.com\s+admin\s+active\s/m);

    expect((await remote(["users", "disable", "bob@example.com"])).stdout).toBe(
      "bob@example.com is now a user, disabled\n",
    );
    // A disabled account's key stops at once.
    const refused = await remote(["keys", "list"], userKey);
    expect(refused).toMatchObject({
      code: 1,
      stderr:
        "parlor: The API key was refused: it is wrong or revoked, or its account is disabled\n",
    });
    expect((await remote(["users", "enable", "bob@example.com"])).stdout).toBe(
      "bob@example.com is now a user, active\n",
    );
    expect((await remote(["users", "set-admin", "bob@example.com", "--json"])).stdout).toMatch(
      /"role": "admin"/,
    );
    expect((await remote(["users", "set-admin", "bob@example.com", "--remove"])).code).toBe(0);
    expect(readdirSync(elsewhere.dataDir)).toEqual([]);
  });

  it("manages the key owner's keys; local runs left none of their own behind", async () => {
    const listed = await remote(["keys", "list", "--json"]);
    const { keys } = JSON.parse(listed.stdout) as { keys: { name: string }[] };
    // Every local command above signed with a key of its own: none is left.
    expect(keys.map((key) => key.name)).toEqual(["admin laptop"]);

    const created = await remote(["keys", "create", "--name", "ci"]);
    expect(created.stdout).toMatch(/^API key "ci" for ada@example\.com;/);
    const ciKey = keyOf(created.stdout);
    const { keys: after } = JSON.parse((await remote(["keys", "list", "--json"])).stdout) as {
      keys: { id: string; name: string }[];
    };
    const ci = after.find((key) => key.name === "ci");
    expect((await remote(["keys", "revoke", ci!.id])).stdout).toBe(`Revoked API key ${ci!.id}\n`);
    expect((await remote(["users", "list"], ciKey)).code).toBe(1);

    const others = await remote(["keys", "list", "--email", "bob@example.com"]);
    expect(others.code).toBe(1);
    expect(others.stderr).toMatch(/^parlor: Over --url this acts as the API key's owner, ada@/);
    // A regular user may manage their own keys over the API.
    expect((await remote(["keys", "list"], userKey)).code).toBe(0);
  });

  it("lists and deletes bots", async () => {
    const created = await server.run([
      "bots",
      "create",
      "--owner",
      "bob@example.com",
      "--name",
      "remote-bot",
      "--server-url",
      "http://127.0.0.1:1",
    ]);
    expect(created.code).toBe(0);
    expect((await remote(["bots", "list"])).stdout).toMatch(/^remote-bot\s.*bob@example\.com/m);
    expect((await remote(["bots", "delete", "remote-bot", "--yes"])).stdout).toBe(
      "Deleted the bot remote-bot\n",
    );
    const { bots } = JSON.parse((await remote(["bots", "list", "--json"])).stdout) as {
      bots: { handle: string }[];
    };
    expect(bots.map((bot) => bot.handle)).toEqual(["echo"]);
  });

  it("reads PARLOR_URL and PARLOR_API_KEY", async () => {
    const result = await elsewhere.run(["users", "list", "--json"], {
      env: { PARLOR_URL: platform.url, PARLOR_API_KEY: adminKey },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ users: expect.any(Array) });
    // Commands that work only here say so rather than act on this machine instead.
    const local = await elsewhere.run(["bots", "sync", "echo"], {
      env: { PARLOR_URL: platform.url, PARLOR_API_KEY: adminKey },
    });
    expect(local).toMatchObject({
      code: 1,
      stderr:
        "parlor: This command works only on this machine's database, and PARLOR_URL is set; unset it to run the command here\n",
    });
  });

  it("explains a key that is not an admin's, a wrong key, an unknown user", async () => {
    expect(await remote(["users", "list"], userKey)).toMatchObject({
      code: 1,
      stderr: "parlor: The API key is not an admin's: it belongs to bob@example.com\n",
    });
    expect((await remote(["users", "list"], "pk_wrong")).stderr).toBe(
      "parlor: The API key was refused: it is wrong or revoked, or its account is disabled\n",
    );
    const keyless = await elsewhere.run(["users", "list", "--url", platform.url]);
    expect(keyless.stderr).toMatch(/^parlor: --url needs an API key .*PARLOR_API_KEY/);
    expect((await remote(["users", "list"], "sk-not-ours")).stderr).toMatch(
      /^parlor: That is not a Parlor API key: they start with pk_/,
    );
    expect((await remote(["users", "disable", "nobody@example.com"])).stderr).toBe(
      "parlor: No such user: nobody@example.com\n",
    );
    const create = await remote(["users", "create", "--email", "new@example.com"]);
    expect(create.stderr).toMatch(
      /^parlor: Over --url, people create their own accounts: .*invites create/,
    );
  });

  it("says when nothing answers at the URL", async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const result = await elsewhere.run([
      "users",
      "list",
      "--url",
      `http://127.0.0.1:${port}`,
      "--api-key",
      adminKey,
    ]);
    expect(result).toMatchObject({
      code: 1,
      stderr: `parlor: Could not reach the platform at http://127.0.0.1:${port}: nothing is listening there\n`,
    });
  });
});
