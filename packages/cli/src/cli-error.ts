import { ConfigError } from "@parlor/server";

/** A problem the user can fix, with the one line that says how; exits with `exitCode`. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Any error as one line for stderr: platform and config messages are written for users. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // A ConfigError lists one problem per line under a heading: keep them, on one line.
  const [first = "", ...rest] = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return rest.length > 0 ? `${first} ${rest.join("; ")}` : first;
}

/** The exit code an error stands for: 2 for configuration problems, as `parlor start` uses. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  return error instanceof ConfigError ? 2 : 1;
}
