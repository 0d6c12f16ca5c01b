import { afterEach, describe, expect, it } from "vitest";
import { createCliWorkspace, type CliWorkspace } from "../testing/run-cli.js";

describe("parlor migrate", { timeout: 60_000 }, () => {
  let workspace: CliWorkspace | undefined;
  afterEach(() => workspace?.dispose());

  it("creates the schema of a new database, then finds nothing to do, naming the version", async () => {
    workspace = createCliWorkspace();
    const first = await workspace.run(["migrate"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Database \(SQLite in .+\) is at schema (\d{4}-[a-z-]+): applied 0001-initial, /,
    );
    const version = /is at schema (\S+):/.exec(first.stdout)![1];
    expect(first.stdout).toContain(`, ${version}\n`);

    const again = await workspace.run(["migrate"]);
    expect(again).toMatchObject({ code: 0, stderr: "" });
    expect(again.stdout).toMatch(new RegExp(`is at schema ${version}: nothing to apply\\n$`));

    // And the platform that starts on it says the same version.
    const platform = await workspace.startPlatform();
    try {
      const health = (await (await fetch(`${platform.url}/healthz`)).json()) as object;
      expect(health).toMatchObject({ schema_version: version });
    } finally {
      await platform.stop();
    }
  });

  it("says plainly when it cannot reach the database", async () => {
    workspace = createCliWorkspace();
    const failed = await workspace.run(["migrate"], {
      env: { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^parlor: /);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});
