import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { BotProject } from "./bot-project.js";

/** The bot, run from its TypeScript sources by tsx. */
export interface BotProcess {
  stop(): Promise<void>;
}

/** Options of {@link startBotProcess}. */
export interface BotProcessOptions {
  project: BotProject;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Restart on every saved change of the sources (tsx watch). */
  watch: boolean;
  /** Each line the bot prints, and whether it was on stderr. */
  onLine(line: string, isError: boolean): void;
  /** The bot printed its "listening on" line: it (re)started and answers now. */
  onReady(): void;
  /** The bot process ended by itself (with watch, tsx keeps running after a crash). */
  onExit?(code: number | null): void;
}

/** Starts src/main.ts with tsx on `port`; with `watch`, tsx reruns it on each save. */
export function startBotProcess(options: BotProcessOptions): BotProcess {
  const { project } = options;
  const args = options.watch ? ["watch", "--clear-screen=false", project.entry] : [project.entry];
  const child: ChildProcess = spawn(project.tsx, args, {
    cwd: project.folder,
    env: { ...options.env, PORT: String(options.port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stopping = false;
  for (const [stream, isError] of [
    [child.stdout!, false],
    [child.stderr!, true],
  ] as const) {
    createInterface({ input: stream }).on("line", (line) => {
      options.onLine(line, isError);
      if (!isError && /listening on /.test(line)) options.onReady();
    });
  }
  child.once("exit", (code) => {
    if (!stopping) options.onExit?.(code);
  });
  return {
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
