import { createInterface } from "node:readline/promises";
import { CliError } from "./cli-error.js";

/**
 * Asks before something that cannot be undone: `--yes` confirms it, a person at a terminal
 * types `answer` (the email or handle) to confirm, and a script without `--yes` is refused.
 */
export async function confirmAction(what: string, answer: string, yes: boolean): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new CliError(`${what}: add --yes to confirm`);
  const lines = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const typed = await lines.question(`${what}. Type ${answer} to confirm: `);
    if (typed.trim() !== answer) throw new CliError("Not confirmed; nothing was changed");
  } finally {
    lines.close();
  }
}
