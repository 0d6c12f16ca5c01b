import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built CLI (`npm run build` first): an instance started as an operator starts one. */
export const PARLOR_BIN = fileURLToPath(new URL("../../../cli/bin/parlor.js", import.meta.url));

/** A platform in a process of its own, which a test can kill outright. */
export interface PlatformProcess {
  url: string;
  /** SIGKILL: no shutdown, no goodbye to Redis or the database, as in a crash. */
  kill(): Promise<void>;
}

/** Runs `parlor start` with `env` (a full platform environment, port 0); resolves once it listens. */
export async function startPlatformProcess(env: Record<string, string>): Promise<PlatformProcess> {
  if (!existsSync(PARLOR_BIN)) throw new Error(`${PARLOR_BIN} is missing: run npm run build`);
  const { DATABASE_URL: _database, REDIS_URL: _redis, LOG_LEVEL: _level, ...base } = process.env;
  const child = spawn(process.execPath, [PARLOR_BIN, "start"], {
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parlor start timed out:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Parlor is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`parlor start exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
