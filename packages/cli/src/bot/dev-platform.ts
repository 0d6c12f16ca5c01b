import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { loadConfig } from "@parlor/server";
import { CliError } from "../cli-error.js";
import { checkoutPaths } from "./checkout-paths.js";

/** A platform that answers on this machine. */
export interface DevPlatform {
  url: string;
  /** Whether `parlor bot dev` started it (and stops it when it ends). */
  started: boolean;
  dataDir: string;
  /** Development switches it reports on /healthz (empty when unknown). */
  switches: string[];
  stop(): Promise<void>;
}

async function health(url: string): Promise<{ development_switches?: string[] } | null> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? ((await response.json()) as { development_switches?: string[] }) : null;
  } catch {
    return null;
  }
}

/** Resolves with the URL `parlor start` prints; afterwards its warnings go to our stderr. */
function waitForStart(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let started = false;
    const output: string[] = [];
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /running at (\S+)/.exec(line);
      if (match && !started) {
        started = true;
        resolve(match[1]!);
      } else if (!started) output.push(line);
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      if (started) console.error(`[parlor] ${line}`);
      else output.push(line);
    });
    child.once("exit", (code) => {
      if (started) console.error(`[parlor] the platform exited with ${code}`);
      else
        reject(new CliError(`parlor start exited with ${code}: ${output.join(" ").slice(-500)}`));
    });
  });
}

/**
 * The platform `parlor start` would run with this environment (its HOST and PORT, default
 * http://127.0.0.1:8080): the one already answering there, else a new one started on the
 * same data folder, which lets bots on this machine in.
 */
export async function ensureDevPlatform(env: NodeJS.ProcessEnv): Promise<DevPlatform> {
  const config = loadConfig({ ...env, LOG_LEVEL: "silent" });
  const host = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;
  const url = `http://${host}:${config.port}`;
  const running = await health(url);
  if (running) {
    const switches = running.development_switches ?? [];
    return { url, started: false, dataDir: config.dataDir, switches, stop: async () => {} };
  }
  const child = spawn(process.execPath, [checkoutPaths.cliBin, "start"], {
    env: { ...env, PARLOR_ALLOW_LOOPBACK_BOTS: "true", LOG_LEVEL: env.LOG_LEVEL ?? "warn" },
  });
  const startedUrl = await waitForStart(child);
  return {
    url: startedUrl,
    started: true,
    dataDir: config.dataDir,
    switches: ["PARLOR_ALLOW_LOOPBACK_BOTS"],
    stop: async () => {
      if (child.exitCode !== null) return;
      child.removeAllListeners("exit"); // an exit asked for is no news
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
