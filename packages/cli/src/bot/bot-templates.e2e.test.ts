import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnvironment, runCli } from "../testing/run-cli.js";
import { runProgram } from "../testing/run-program.js";
import { BOT_TEMPLATES } from "./bot-templates.js";

// Projects live outside the checkout, where a bot author's would, so nothing resolves from it.
const home = mkdtempSync(join(tmpdir(), "parlor-bot-templates-"));
const env = cleanEnvironment();
afterAll(() => rmSync(home, { recursive: true, force: true }));

const inProject = (folder: string, command: string, args: string[]) =>
  runProgram(command, args, { cwd: folder, env });

describe("parlor bot init", () => {
  it("makes an echo project whose npm install && npm test pass, with tests kept out of dist", async () => {
    const folder = join(home, "first-bot");
    const init = await runCli(["bot", "init", folder], { env, cwd: home });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("Made the echo bot @first-bot");

    const install = await inProject(folder, "npm", ["install", "--no-audit", "--no-fund"]);
    expect(install.code, install.stderr).toBe(0);
    const test = await inProject(folder, "npm", ["test"]);
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/1 passed/);

    const build = await inProject(folder, "npm", ["run", "build"]);
    expect(build.code, build.stderr).toBe(0);
    const listing = await inProject(folder, "ls", ["dist"]);
    expect(listing.stdout.split("\n").filter(Boolean)).toEqual(["bot.js", "main.js"]);
    expect((await inProject(folder, "npx", ["parlor", "--version"])).stdout.trim()).toBe("0.1.0");
  }, 90_000);

  // Every template installs the same packages, so the others reuse the first one's install.
  it.each(Object.keys(BOT_TEMPLATES).filter((name) => name !== "echo"))(
    "makes a %s project that type-checks and whose test passes",
    async (template) => {
      const folder = join(home, `${template}-bot`);
      const init = await runCli(["bot", "init", folder, "--template", template], {
        env,
        cwd: home,
      });
      expect(init.code, init.stderr).toBe(0);
      expect(readFileSync(join(folder, "README.md"), "utf8")).toContain(`# ${template}-bot`);
      symlinkSync(join(home, "first-bot", "node_modules"), join(folder, "node_modules"));

      const typecheck = await inProject(folder, "npx", ["tsc", "--noEmit"]);
      expect(typecheck.code, typecheck.stdout).toBe(0);
      const test = await inProject(folder, "npx", ["vitest", "run"]);
      expect(test.code, test.stdout + test.stderr).toBe(0);
      expect(test.stdout).toMatch(/1 passed/);
    },
    30_000,
  );

  it("refuses a folder that is not empty and an unknown template", async () => {
    const taken = await runCli(["bot", "init", join(home, "first-bot")], { env, cwd: home });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/is not empty: choose a new folder/);
    const unknown = await runCli(["bot", "init", join(home, "x-bot"), "-t", "nope"], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No template nope; choose one of echo, chain, tools, llm");
  });
});
