import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { queryBot } from "@parlor/sdk/testing";
import { echoBot } from "./echo-bot.js";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const KEY = "e".repeat(32);

describe("echo bot", () => {
  it("streams the last user message back in chunks with one suggested reply", async () => {
    const run = await queryBot(echoBot, [
      { role: "user", content: "first" },
      { role: "bot", content: "first" },
      { role: "user", content: "hello there" },
    ]);
    expect(run.text).toBe("hello there");
    expect(run.events.filter((e) => e.event === "text").length).toBeGreaterThan(1);
    expect(run.suggestedReplies).toEqual(["Say it again"]);
  });

  it("runs from its built entry point with PORT and POE_ACCESS_KEY", async () => {
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: "0", POE_ACCESS_KEY: KEY },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          const match = /listening on (\S+)/.exec(chunk.toString());
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`echo bot exited with ${code}`)));
      });
      const settings = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ version: "1.2", type: "settings" }),
      });
      expect(await settings.json()).toMatchObject({
        introduction_message: expect.stringContaining("echo bot"),
      });
    } finally {
      child.kill();
    }
  });

  it("exits 1 with one clear line, not a stack trace, when the key is the wrong length", async () => {
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: "0", POE_ACCESS_KEY: "too-short" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^The access key .* has 9 characters; it must have exactly 32/),
    ]);
  });
});
