import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_BIN, createCliWorkspace } from "../testing/run-cli.js";

// `script` gives the command a real terminal, as a person typing would have.
const SCRIPT = "/usr/bin/script";
const cli = createCliWorkspace();
beforeAll(() => cli.createDatabase());
afterAll(() => cli.dispose());

/** Runs `parlor users create` at a terminal, typing each answer once its prompt shows. */
function typeAtTerminal(
  email: string,
  answers: string[],
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI_BIN, "users", "create", "--email", email]
    .map((part) => `'${part}'`)
    .join(" ");
  const child = spawn(SCRIPT, ["-qec", command, "/dev/null"], { env: cli.env });
  let output = "";
  const prompts = /(New password|Repeat it): $/;
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    // Typed only once raw mode is on (the prompt is shown after it), so the terminal never echoes.
    if (prompts.test(output) && answers.length > 0) child.stdin.write(`${answers.shift()}\r`);
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output })));
}

describe.skipIf(!existsSync(SCRIPT))("the password prompt", { timeout: 120_000 }, () => {
  it("asks twice without echoing what is typed", async () => {
    const { code, output } = await typeAtTerminal("ada@example.com", [
      "secret words",
      "secret words",
    ]);
    expect(code).toBe(0);
    expect(output).toContain("New password: ");
    expect(output).toContain("Repeat it: ");
    expect(output).toMatch(/Created admin ada@example\.com/);
    expect(output).not.toContain("secret words");
  });

  it("changes nothing when the two differ", async () => {
    const { code, output } = await typeAtTerminal("bob@example.com", [
      "secret words",
      "other words",
    ]);
    expect(code).toBe(1);
    expect(output).toContain("parlor: The two passwords differ; nothing was changed");
    expect(output).not.toMatch(/secret words|other words/);
    const listed = await cli.run(["users", "list"]);
    expect(listed.stdout).not.toContain("bob@example.com");
  });
});
