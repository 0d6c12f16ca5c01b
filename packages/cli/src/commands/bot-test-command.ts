import type { Command } from "commander";
import { createOutboundClient, runConformanceCheck } from "@parlor/server";
import { cliEnvironment } from "../cli-environment.js";
import { readBotProject } from "../bot/bot-project.js";
import { runBotOnce } from "../bot/run-bot-once.js";
import { printConformanceReport } from "../print-conformance-report.js";

/**
 * `parlor bot test`: the platform's conformance check against the bot in this folder, started
 * for the check with a fresh key (so it is the code as saved now). Exits 1 when a check fails.
 */
export function registerBotTestCommand(bot: Command): void {
  bot
    .command("test")
    .description(
      "Start the bot in this folder and check it against the Poe protocol, as a platform would",
    )
    .action(async () => {
      const project = readBotProject(process.cwd());
      const running = await runBotOnce(project, cliEnvironment().platform);
      // The bot runs on this machine: the platform's outbound rules, loopback let in.
      const outbound = createOutboundClient({
        allowedHosts: [],
        allowLoopback: true,
        requireHttps: false,
      });
      try {
        console.log(`Checking @${project.handle} (src/main.ts, started on ${running.url}):`);
        const report = await runConformanceCheck({
          url: running.url,
          accessKey: running.accessKey,
          outbound,
        });
        if (printConformanceReport(report) > 0) process.exitCode = 1;
      } finally {
        outbound.close();
        await running.stop();
      }
    });
}
