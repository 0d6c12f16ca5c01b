import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPlatform, loadConfig } from "@parlor/server";

/** The built CLI, started the way a user's shell starts it. */
export const CLI_BIN = fileURLToPath(new URL("../../bin/parlor.js", import.meta.url));

/** How a finished command went. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What a run may change: stdin, the working directory, extra environment. */
export interface RunOptions {
  input?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** A data folder of its own and a fixed secret, so tests share nothing with the developer's setup. */
export interface CliWorkspace {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: RunOptions): Promise<CliRun>;
  start(args: string[], extraEnv?: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams;
  /** Creates the platform's database, as a first `parlor start` does. */
  createDatabase(): Promise<void>;
  /** Runs `parlor start` on a free port; resolves with its URL and a way to stop it. */
  startPlatform(): Promise<{ url: string; stop(): Promise<void> }>;
  dispose(): void;
}

/** The caller's environment without anything that would point the CLI elsewhere. */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _url,
    LOG_LEVEL: _level,
    PORT: _port,
    PARLOR_ENV: _env,
    PARLOR_DATA_DIR: _dataDir,
    PARLOR_URL: _parlorUrl,
    PARLOR_API_KEY: _apiKey,
    ...base
  } = process.env;
  return {
    ...base,
    PARLOR_SECRET: "cli-test-secret-cli-test-secret-0123456",
    // The tests' bots run on this machine; the platform's own default refuses them.
    PARLOR_ALLOW_LOOPBACK_BOTS: "true",
  };
}

/** Runs the CLI to its end with `options`. */
export function runCli(
  args: string[],
  options: RunOptions & { env: NodeJS.ProcessEnv },
): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    env: options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Creates an empty data folder (no database yet) and runs `parlor` commands against it. */
export function createCliWorkspace(): CliWorkspace {
  const dataDir = mkdtempSync(join(tmpdir(), "parlor-cli-"));
  const env = { ...cleanEnvironment(), PARLOR_DATA_DIR: dataDir };
  const start = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    spawn(process.execPath, [CLI_BIN, ...args], { env: { ...env, ...extraEnv } });
  return {
    dataDir,
    env,
    start,
    run: (args, options = {}) => runCli(args, { ...options, env: { ...env, ...options.env } }),
    async createDatabase() {
      const platform = await createPlatform(loadConfig({ ...env, LOG_LEVEL: "silent" }));
      await platform.close();
      platform.outbound.close();
    },
    async startPlatform() {
      const child = start(["start"], { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
      const [, url = ""] = await waitForOutput(child, /running at (\S+)/);
      return { url, stop: () => stopChild(child) };
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
