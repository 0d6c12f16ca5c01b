import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnvironment, runCli, stopChild, waitForOutput, CLI_BIN } from "../testing/run-cli.js";
import { spawn } from "node:child_process";

// A Parlor checkout of its own: its package.json is named `parlor`, and PARLOR_DATA_DIR is unset.
const root = mkdtempSync(join(tmpdir(), "parlor-checkout-"));
writeFileSync(join(root, "package.json"), '{"name":"parlor","private":true}');
mkdirSync(join(root, "packages/web/src"), { recursive: true });
mkdirSync(join(root, "examples"), { recursive: true });
const env = cleanEnvironment();
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the data folder", { timeout: 120_000 }, () => {
  it("is the checkout's data/ for `parlor start` and every command, from any subfolder", async () => {
    const child = spawn(process.execPath, [CLI_BIN, "start"], {
      cwd: join(root, "examples"),
      env: { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" },
    });
    try {
      const [, where] = await waitForOutput(child, /\(SQLite in (.+)\)/);
      expect(where).toBe(join(root, "data"));
    } finally {
      await stopChild(child);
    }

    const deep = join(root, "packages/web/src");
    const created = await runCli(
      ["users", "create", "--email", "ada@example.com", "--password-stdin"],
      { cwd: deep, env, input: "correct horse\n" },
    );
    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created admin/) });
    const listed = await runCli(["users", "list"], { cwd: join(root, "packages"), env });
    expect(listed.stdout).toMatch(/^ada@example\.com\s+admin/m);
    // Nothing new anywhere but the checkout's data/.
    expect(readdirSync(deep)).toEqual([]);
    expect(existsSync(join(root, "packages/data"))).toBe(false);
    expect(existsSync(join(root, "examples/data"))).toBe(false);
  });

  it("is never created by a command other than start", async () => {
    const missing = join(root, "nowhere");
    for (const args of [
      ["users", "list"],
      ["keys", "create"],
      ["users", "create", "--email", "x@example.com", "--password-stdin"],
      ["chat", "echo", "--message", "hi"],
    ]) {
      const result = await runCli(args, {
        env: { ...env, PARLOR_DATA_DIR: missing },
        input: "correct horse\n",
      });
      expect(result).toMatchObject({
        code: 1,
        stderr: `parlor: No Parlor database in ${missing}. Start the platform first with \`parlor start\`, or set PARLOR_DATA_DIR or --url\n`,
      });
    }
    expect(existsSync(missing)).toBe(false);
  });
});
