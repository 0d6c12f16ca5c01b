import { randomBytes } from "node:crypto";
import { CliError } from "../cli-error.js";
import { startBotProcess, type BotProcess } from "./bot-process.js";
import type { BotProject } from "./bot-project.js";
import { freePort } from "./free-port.js";

/** A bot started for one job, with a fresh access key, on a free port. */
export interface RunningBot {
  url: string;
  accessKey: string;
  stop(): Promise<void>;
}

/** How long the bot may take to print its "listening on" line. */
const START_TIMEOUT_MS = 30_000;

/** Starts src/main.ts once (no reload) and resolves when it listens; its output is kept quiet. */
export async function runBotOnce(project: BotProject, env: NodeJS.ProcessEnv): Promise<RunningBot> {
  const port = await freePort();
  // A 32-character key, the length Poe generates and the SDK insists on.
  const accessKey = randomBytes(24).toString("base64url");
  const output: string[] = [];
  let bot: BotProcess | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new CliError(`The bot did not start within ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    bot = startBotProcess({
      project,
      port,
      watch: false,
      env: { ...env, POE_ACCESS_KEY: accessKey },
      onLine: (line) => output.push(line),
      onReady: () => {
        clearTimeout(timer);
        resolve();
      },
      onExit: (code) => {
        clearTimeout(timer);
        reject(
          new CliError(`The bot exited with ${code} before it listened:\n${output.join("\n")}`),
        );
      },
    });
  });
  return { url: `http://127.0.0.1:${port}`, accessKey, stop: () => bot!.stop() };
}
