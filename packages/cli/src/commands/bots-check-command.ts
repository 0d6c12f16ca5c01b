import type { Command } from "commander";
import { runConformanceCheck } from "@parlor/server";
import { withPlatform } from "../local-platform.js";
import { printConformanceReport } from "../print-conformance-report.js";

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
        if (printConformanceReport(report) > 0) process.exitCode = 1;
      }),
    );
}
