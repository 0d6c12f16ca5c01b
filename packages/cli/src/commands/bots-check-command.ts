import type { Command } from "commander";
import { runConformanceCheck, type ConformanceCheck } from "@parlor/server";
import { withPlatform } from "../local-platform.js";

function mark(check: ConformanceCheck): string {
  if (check.skipped) return "-";
  if (check.passed) return "✓";
  return check.warning ? "✗ (warning)" : "✗";
}

/** `parlor bots check`: would a real platform accept this bot? Exits 1 when any check fails. */
export function registerBotsCheckCommand(bots: Command): void {
  bots
    .command("check <url>")
    .description("Check a bot server against the Poe protocol, as a platform would call it")
    .option(
      "--access-key <key>",
      "the bot's access key (without it the wrong-key check is skipped)",
    )
    .action((url: string, options: { accessKey?: string }) =>
      withPlatform(async (platform) => {
        const report = await runConformanceCheck({
          url,
          accessKey: options.accessKey,
          outbound: platform.outbound,
        });
        for (const check of report.checks) {
          console.log(`${mark(check)} ${check.name}: ${check.detail}`);
        }
        const failures = report.checks.filter((check) => !check.passed).length;
        console.log(failures === 0 ? "All checks passed." : `${failures} check(s) failed.`);
        if (failures > 0) process.exitCode = 1;
      }),
    );
}
