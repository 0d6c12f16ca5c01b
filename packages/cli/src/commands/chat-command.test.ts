import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliWorkspace } from "../testing/run-cli.js";

const cli = createCliWorkspace();
beforeAll(async () => {
  await cli.createDatabase();
  const noAdmin = await cli.run(["chat", "echo", "--message", "hello"]);
  expect(noAdmin.code).toBe(1);
  expect(noAdmin.stderr).toMatch(/^parlor: No admin account yet/);
  await cli.run(["users", "create", "--email", "admin@example.com", "--password-stdin"], {
    input: "correct horse\n",
  });
});
afterAll(() => cli.dispose());

describe("parlor chat", () => {
  it("sends one message, prints the streamed reply and the suggested reply", async () => {
    const result = await cli.run(["chat", "echo", "--message", "hello"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe("hello\n→ Say it again\n");
  });

  it("reads lines from stdin, resets the context on /reset and stops at /quit", async () => {
    const result = await cli.run(["chat", "echo"], {
      input: "first\n/reset\n\nsecond\n/quit\nnever sent\n",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "first",
        "→ Say it again",
        "Context reset: the bot no longer sees the earlier messages.",
        "second",
        "→ Say it again",
        "",
      ].join("\n"),
    );
  });
});
