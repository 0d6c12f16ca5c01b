import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCliWorkspace,
  stopChild,
  waitForOutput,
  type CliWorkspace,
} from "../testing/run-cli.js";

/** Runs a command to its end, collecting both outputs. */
async function finish(child: ReturnType<CliWorkspace["start"]>) {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  return { code, stdout, stderr };
}

describe("parlor start", () => {
  let cli: CliWorkspace;
  beforeAll(() => {
    cli = createCliWorkspace();
  });
  afterAll(() => cli.dispose());

  it("prints its start-up output in the documented order, then refuses a second start on its port", async () => {
    const server = cli.start(["start"], {
      PORT: "0",
      LOG_LEVEL: "info",
      PARLOR_ALLOW_LOOPBACK_BOTS: "true",
    });
    try {
      let output = "";
      server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const [, port] = await waitForOutput(
        server,
        /running at http:\/\/127\.0\.0\.1:(\d+)[^\n]*\n.*\n.*PARLOR_ALLOW_LOOPBACK_BOTS is on[^\n]*\n/s,
      );
      const lines = output.trimEnd().split("\n");
      const plain = lines.findIndex((line) => line.startsWith("Parlor is running at"));
      // Log lines written while starting come first: here, the development switch's warning.
      const logged = lines.slice(0, plain).map((line) => JSON.parse(line) as { msg: string });
      expect(logged.map((entry) => entry.msg)).toEqual([
        expect.stringContaining("PARLOR_ALLOW_LOOPBACK_BOTS=true: any user's bot may reach"),
      ]);
      expect(lines.slice(plain)).toEqual([
        expect.stringMatching(/^Parlor is running at http:\/\/127\.0\.0\.1:\d+ \(SQLite in .+\)$/),
        "Listening on 127.0.0.1 only; set PARLOR_ENV=production (and HOST=0.0.0.0) to listen on other interfaces.",
        "Warning: PARLOR_ALLOW_LOOPBACK_BOTS is on (a development switch); do not use it on a shared server.",
      ]);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toEqual({
        ok: true,
        schema_version: expect.stringMatching(/^\d{4}-/) as unknown,
        development_switches: ["PARLOR_ALLOW_LOOPBACK_BOTS"],
      });

      const second = await finish(cli.start(["start", "--port", port!], { LOG_LEVEL: "info" }));
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `parlor: port ${port} is in use: is Parlor already running? Stop the other process, or set PORT (or --port) to a free port\n`,
      );
      // Nothing was logged: the second start never opened the database.
      expect(second.stdout).toBe("");
    } finally {
      await stopChild(server);
    }
  });

  it("drains on SIGTERM: says for how long, and exits 0 when nothing runs", async () => {
    const server = cli.start(["start"], { PORT: "0", PARLOR_DRAIN_S: "1" });
    try {
      const [, port] = await waitForOutput(server, /running at http:\/\/127\.0\.0\.1:(\d+)/);
      const readyz = `http://127.0.0.1:${port}/readyz`;
      expect((await fetch(readyz)).status).toBe(200);
      const exited = finish(server);
      server.kill("SIGTERM");
      await waitForOutput(
        server,
        /Shutting down: open replies may finish for 1 s \(PARLOR_DRAIN_S\)/,
      );
      // Nothing runs, so the drain ends at once and the process exits cleanly.
      expect((await exited).code).toBe(0);
    } finally {
      await stopChild(server);
    }
  });

  it("refuses to listen on every interface in development, with exit code 2", async () => {
    const result = await finish(cli.start(["start"], { PORT: "0", HOST: "0.0.0.0" }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "HOST: 0.0.0.0 would listen on other interfaces, which needs production settings: set PARLOR_ENV=production",
    );
    expect(result.stdout).toBe("");
  });
});
