import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

describe("createLogger", () => {
  it("keeps keys, passwords and credentials out of the log", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
    logger.info(
      {
        req: { headers: { authorization: "Bearer pk_live_secret", cookie: "parlor_session=abc" } },
        bot: { handle: "echo", access_key: "K".repeat(32) },
        password: "hunter22",
      },
      "request",
    );
    const output = lines.join("");
    expect(output).toContain("echo");
    for (const secret of ["pk_live_secret", "parlor_session=abc", "K".repeat(32), "hunter22"]) {
      expect(output).not.toContain(secret);
    }
  });
});
