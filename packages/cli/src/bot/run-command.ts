import { spawn } from "node:child_process";
import { CliError } from "../cli-error.js";

/** Runs a program to its end and resolves with its stdout; its stderr goes to ours on failure. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string },
): Promise<string> {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      if (code === 0) return resolve(stdout);
      reject(new CliError(`${command} ${args.join(" ")} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}
