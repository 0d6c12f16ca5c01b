import type { Command } from "commander";
import { cliEnvironment } from "../cli-environment.js";
import { startBotProcess } from "../bot/bot-process.js";
import { readBotProject } from "../bot/bot-project.js";
import { describeEvent, describeOutcome, describeRequest } from "../bot/call-report.js";
import { startCallTap, type CallObserver } from "../bot/call-tap.js";
import { ensureDevPlatform } from "../bot/dev-platform.js";
import { registerDevBot, syncDevBot } from "../bot/dev-bot-registration.js";
import { freePort } from "../bot/free-port.js";

/** Where the bot's stable address is, unless taken: the SDK's own default port. */
const DEFAULT_BOT_PORT = 8000;

/** Prints one call as it goes: the request, each event with its time, then the outcome. */
function printCall(): CallObserver {
  const started = new Date().toLocaleTimeString();
  let isQuery = false;
  return {
    request(body) {
      const summary = describeRequest(body);
      isQuery = summary.startsWith("query");
      console.log(`→ ${started} ${summary}`);
    },
    event: (event) => console.log(describeEvent(event)),
    end({ status, events, durationMs, error }) {
      if (error) console.log(`  ✗ ${error}`);
      else if (status !== 200)
        console.log(`  ✗ the bot answered HTTP ${status} after ${durationMs} ms`);
      else if (!isQuery) console.log(`  ← 200 after ${durationMs} ms`);
      if (isQuery && status === 200 && !error)
        for (const line of describeOutcome(events, durationMs)) console.log(line);
    },
  };
}

/** `parlor bot dev`: the bot with reload on save, on a local platform, its calls shown live. */
export function registerBotDevCommand(bot: Command): void {
  bot
    .command("dev")
    .description(
      "Run the bot in this folder with reload on save, on a local Parlor, showing each call",
    )
    .option("--handle <handle>", "the bot's handle (default: the package's name)")
    .option(
      "--port <port>",
      `the bot's address for the platform (default: ${DEFAULT_BOT_PORT}, else any free port)`,
    )
    .action(async (options: { handle?: string; port?: string }) => {
      const project = readBotProject(process.cwd(), options.handle);
      const env = cliEnvironment().platform;
      const platform = await ensureDevPlatform(env);
      console.log(
        platform.started
          ? `Started Parlor at ${platform.url} (data in ${platform.dataDir})`
          : `Using the Parlor running at ${platform.url}`,
      );
      if (!platform.switches.includes("PARLOR_ALLOW_LOOPBACK_BOTS")) {
        console.log(
          "  It was not started with PARLOR_ALLOW_LOOPBACK_BOTS=true: unless PARLOR_ALLOWED_BOT_HOSTS lets in the bot's address, it will refuse to call the bot.",
        );
      }
      // The bot keeps this port across reloads (tsx reruns it with the same environment).
      const botPort = await freePort();
      let ready = false;
      const tap = await startCallTap({
        port: await freePort(options.port ? Number(options.port) : DEFAULT_BOT_PORT),
        target: () => (ready ? botPort : null),
        observe: printCall,
      });
      // Registered before the bot runs, since the bot needs its access key; synced once it runs.
      const registration = await registerDevBot(project.handle, tap.url);
      if (registration.previousUrl) {
        console.log(
          `@${project.handle} pointed at ${registration.previousUrl} until now; it is ${tap.url} from now on.`,
        );
      }
      if (registration.newAccount) {
        console.log(
          `No account yet: made the admin ${registration.newAccount.email} with the password ${registration.newAccount.password} (change it with "parlor users reset-password").`,
        );
      }
      const child = startBotProcess({
        project,
        port: botPort,
        watch: true,
        env: {
          ...env,
          POE_ACCESS_KEY: registration.accessKey,
          // For bots that call other bots: the platform's bot API instead of Poe's.
          PARLOR_BOT_BASE_URL: `${platform.url}/bot/`,
        },
        onLine: (line, isError) =>
          isError ? console.error(`[bot] ${line}`) : console.log(`[bot] ${line}`),
        onReady: () => {
          const first = !ready;
          ready = true;
          void syncDevBot(project.handle).then(
            (synced) => {
              if (first) {
                console.log(
                  `@${project.handle} ${registration.created ? "registered" : "updated"} (${synced}), owned by ${registration.ownerEmail}`,
                );
                console.log(`Chat: ${platform.url}/bots/${project.handle}`);
                console.log(
                  `Watching ${project.folder}/src: save a file and the next message uses it.`,
                );
              } else {
                console.log(`↻ reloaded; ${synced}`);
              }
            },
            (error: unknown) =>
              console.error(`Could not sync the settings: ${(error as Error).message}`),
          );
        },
      });
      let stopping = false;
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
          if (stopping) process.exit(1);
          stopping = true;
          void Promise.all([child.stop(), tap.close()])
            .then(() => platform.stop())
            .then(() => process.exit(0));
        });
      }
    });
}
