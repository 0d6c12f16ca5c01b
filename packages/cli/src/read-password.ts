import { CliError } from "./cli-error.js";

/** Reads all of stdin as text. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads one line from the terminal without echoing it. Raw mode is the terminal's own way to
 * do that (readline has none): keys arrive one by one, and only Enter, Backspace, Ctrl-C and
 * Ctrl-D mean anything but themselves.
 */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  // Echo off before the prompt shows, so nothing typed as soon as it appears is echoed.
  input.setRawMode(true);
  process.stderr.write(question);
  input.resume();
  input.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (error?: CliError) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (keys: string) => {
      for (const key of keys) {
        if (key === "\r" || key === "\n") return finish();
        if (key === "\u0003" || (key === "\u0004" && typed === ""))
          return finish(new CliError("Cancelled", 130));
        if (key === "\u007f" || key === "\b") typed = [...typed].slice(0, -1).join("");
        else if (key >= " ") typed += key;
      }
    };
    input.on("data", onData);
  });
}

/**
 * A new password: typed twice at a hidden prompt on a terminal, or all of stdin (without its final newline)
 * with `--password-stdin` (for scripts: `printf '%s' "$PASSWORD" | parlor … --password-stdin`).
 * Never from the command line, where shell history and the process list would keep it.
 */
export async function readNewPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const password = (await readStdin()).replace(/\r?\n$/, "");
    if (password === "") throw new CliError("--password-stdin read no password from stdin");
    return password;
  }
  if (!process.stdin.isTTY) {
    throw new CliError(
      "No password: run this at a terminal to type it, or pipe it in with --password-stdin",
    );
  }
  const password = await promptHidden("New password: ");
  if ((await promptHidden("Repeat it: ")) !== password)
    throw new CliError("The two passwords differ; nothing was changed");
  return password;
}

/** The error for a password given on the command line, where it must never be. */
export function passwordOnCommandLine(): CliError {
  return new CliError(
    "Passwords are not taken on the command line, where shell history and the process list keep them: type it at the prompt, or use --password-stdin",
  );
}
