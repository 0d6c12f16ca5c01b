import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built CLI, started the way a user's shell starts it. */
const BIN = fileURLToPath(new URL("../../bin/parlor.js", import.meta.url));

/** How a finished command went. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A data folder of its own and a fixed secret, so tests share nothing with the developer's setup. */
export interface CliWorkspace {
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { input?: string }): Promise<CliRun>;
  start(args: string[], extraEnv?: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams;
  dispose(): void;
}

/** Creates an empty data folder and runs `parlor` commands against it. */
export function createCliWorkspace(): CliWorkspace {
  const dataDir = mkdtempSync(join(tmpdir(), "parlor-cli-"));
  // Leave out anything from the caller's shell that would point the CLI elsewhere.
  const {
    DATABASE_URL: _url,
    LOG_LEVEL: _level,
    PORT: _port,
    PARLOR_ENV: _env,
    ...base
  } = process.env;
  const env = {
    ...base,
    PARLOR_DATA_DIR: dataDir,
    PARLOR_SECRET: "cli-test-secret-cli-test-secret-0123456",
    // The tests' bots run on this machine; the platform's own default refuses them.
    PARLOR_ALLOW_LOOPBACK_BOTS: "true",
  };
  const start = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv } });
  return {
    env,
    start,
    run(args, options = {}) {
      const child = start(args);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.end(options.input ?? "");
      return new Promise((resolve, reject) => {
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, stdout, stderr }));
      });
    },
    dispose: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Resolves with the first match of `pattern` in the child's stdout. */
export function waitForOutput(
  child: ChildProcessWithoutNullStreams,
  pattern: RegExp,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match);
    });
    child.once("exit", (code) => reject(new Error(`parlor exited with ${code}: ${output}`)));
  });
}

/** Stops a started command the way Ctrl-C would and waits until it has exited. */
export async function stopChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
