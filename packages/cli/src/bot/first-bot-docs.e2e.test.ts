import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { decodeSse } from "@parlor/protocol";
import { sdkGuideCommands } from "../testing/docs-commands.js";
import { cleanEnvironment } from "../testing/run-cli.js";
import { runProgram } from "../testing/run-program.js";
import { checkoutPaths } from "./checkout-paths.js";
import { freePort } from "./free-port.js";

// The reader's home is an empty folder outside the checkout: `~/mybot` is made there, and
// `~/parlor` in the commands stands for this checkout (the one thing the test fills in).
const home = mkdtempSync(join(tmpdir(), "parlor-first-bot-"));
const port = await freePort();
const { PARLOR_ALLOW_LOOPBACK_BOTS: _switch, ...base } = cleanEnvironment();
const env: NodeJS.ProcessEnv = {
  ...base,
  HOME: home,
  // npm's cache stays the real one, so installs need the registry only for what it lacks.
  npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
  npm_config_audit: "false",
  npm_config_fund: "false",
  // A platform of the test's own, where the docs' default would be 8080 and the checkout's data/.
  PORT: String(port),
  PARLOR_DATA_DIR: join(home, "parlor-data"),
};
const [steps = [], secondTerminal = [], ownProject = []] = sdkGuideCommands(
  "Your first bot in five minutes",
);
const shell = (commands: string[]) =>
  commands.map((line) => line.replace(/^cd ~\/parlor\b/, `cd ${checkoutPaths.root}`)).join(" && ");

let dev: ChildProcessWithoutNullStreams | undefined;
let devOutput = "";
afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev!.once("exit", resolve));
    process.kill(-dev.pid!, "SIGTERM"); // the shell, npx, parlor, tsx and the platform
    await exited;
  }
  rmSync(home, { recursive: true, force: true });
});

/** Resolves with the first match of `pattern` in bot dev's output so far or to come. */
function devPrints(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bot dev did not print ${pattern} in time:\n${devOutput}`)),
      timeoutMs,
    );
    const look = () => {
      const match = pattern.exec(devOutput);
      if (!match) return;
      clearTimeout(timer);
      dev!.stdout.off("data", look);
      resolve(match);
    };
    dev!.stdout.on("data", look);
    look();
  });
}

/** Signs in as the account bot dev made and sends one message through the running platform. */
async function askThroughPlatform(content: string, cookie: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const headers = { cookie, "content-type": "application/json" };
  const created = await fetch(`${base}/api/conversations`, {
    method: "POST",
    headers,
    body: JSON.stringify({ bot: "mybot" }),
  });
  const { conversation } = (await created.json()) as { conversation: { id: string } };
  const reply = await fetch(`${base}/api/conversations/${conversation.id}/messages`, {
    method: "POST",
    headers: { ...headers, accept: "text/event-stream" },
    body: JSON.stringify({ content }),
  });
  for await (const message of decodeSse(reply.body!)) {
    if (message.event === "done") return (JSON.parse(message.data) as { text: string }).text;
  }
  throw new Error(`The reply (HTTP ${reply.status}) ended without done`);
}

async function signIn(): Promise<string> {
  const [, email = "", password = ""] =
    /made the admin (\S+) with the password (\S+) /.exec(devOutput) ?? [];
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

let cookie = "";

describe("Your first bot in five minutes (docs/sdk.md)", () => {
  it("takes an empty folder to a bot that answers through the platform, with the docs' commands", async () => {
    expect(steps[0]).toBe("cd ~/parlor");
    expect(steps.at(-1)).toBe("npx parlor bot dev");
    const started = performance.now();
    // All but the last step run to their end, as in a terminal; `bot dev` keeps running.
    dev = spawn("bash", ["-c", `set -e; ${shell(steps.slice(0, -1))} && exec ${steps.at(-1)}`], {
      cwd: home,
      env,
      detached: true,
    });
    // Colours (npm test's) are stripped: the test reads what a person reads.
    const keep = (chunk: Buffer) => (devOutput += stripVTControlCharacters(chunk.toString()));
    dev.stdout.on("data", keep);
    dev.stderr.on("data", keep);
    expect(devOutput).toBe("");
    await devPrints(/Test Files {2}1 passed/, 40_000); // npm test, before bot dev
    const [, chatUrl] = await devPrints(/^Chat: (\S+)$/m);
    expect(chatUrl).toBe(`http://127.0.0.1:${port}/bots/mybot`);
    expect((await fetch(chatUrl!)).status).toBe(200);

    // The second terminal: the docs' `parlor chat`, then the conformance check.
    const folder = join(home, "mybot");
    expect(secondTerminal[0]).toBe("cd ~/mybot");
    const chat = await runProgram("bash", ["-c", shell(secondTerminal.slice(0, 2))], {
      cwd: home,
      env,
    });
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toContain("You said: hello");
    const firstAnswerSeconds = (performance.now() - started) / 1000;
    console.log(`From bot init to the first answer: ${firstAnswerSeconds.toFixed(1)} s`);
    await devPrints(/→ .* query: "hello" \(user\)/);
    await devPrints(/\+\d+ ms {2}text {2}"You said: hello"/);
    await devPrints(/done after \d+ ms: 15 characters of text, 1 suggested reply/);

    // The chat URL's platform itself, as the browser would reach it.
    cookie = await signIn();
    expect(await askThroughPlatform("hi", cookie)).toBe("You said: hi");

    const check = await runProgram(
      "bash",
      ["-c", shell([secondTerminal[0]!, secondTerminal[2]!])],
      {
        cwd: home,
        env,
      },
    );
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain("All checks passed.");
    expect(readFileSync(join(folder, "package.json"), "utf8")).toContain(
      "file:vendor/parlor-sdk-0.1.0.tgz",
    );
  }, 90_000);

  it("answers with the edited code within 2 s of saving, without registering again", async () => {
    const source = join(home, "mybot", "src", "bot.ts");
    writeFileSync(source, readFileSync(source, "utf8").replace("You said: ", "You wrote: "));
    const saved = performance.now();
    let answer = "";
    while (!answer.startsWith("You wrote:") && performance.now() - saved < 5_000) {
      answer = await askThroughPlatform("again", cookie);
    }
    const reloadMs = performance.now() - saved;
    console.log(`Edited code answered ${Math.round(reloadMs)} ms after saving`);
    expect(answer).toBe("You wrote: again");
    expect(reloadMs).toBeLessThan(2_000);
    await devPrints(/↻ reloaded; settings synced/);
    expect(devOutput.match(/@mybot registered/g)).toHaveLength(1);
  });

  it("fails bot test, with the reason, for a bot that accepts any key", async () => {
    const main = join(home, "mybot", "src", "main.ts");
    writeFileSync(
      main,
      readFileSync(main, "utf8").replace(
        "serve(bot)",
        "serve(bot, { allowWithoutKey: true, accessKey: '' })",
      ),
    );
    const check = await runProgram("npx", ["parlor", "bot", "test"], {
      cwd: join(home, "mybot"),
      env,
    });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^✗ wrong_access_key: accepted a wrong access key/m);
  });

  it("installs the packed SDK in a project of one's own, as the docs say", async () => {
    const own = join(home, "other-project");
    await runProgram(
      "bash",
      ["-c", `mkdir -p ${own} && cd ${own} && npm init -y && npm pkg set type=module`],
      { cwd: home, env },
    );
    expect(ownProject).toHaveLength(2);
    const pack = await runProgram("bash", ["-c", shell([ownProject[0]!])], { cwd: home, env });
    expect(pack.code, pack.stderr).toBe(0);
    expect(pack.stdout).toContain(join(checkoutPaths.root, "dist/pack/parlor-sdk-0.1.0.tgz"));
    const install = await runProgram(
      "bash",
      ["-c", ownProject[1]!.replaceAll("~/parlor", checkoutPaths.root.replace(/\/$/, ""))],
      { cwd: home, env },
    );
    expect(install.code, install.stderr).toBe(0);
    writeFileSync(
      join(own, "check.mjs"),
      'import { explainTrace } from "@parlor/protocol";\nimport { defineBot } from "@parlor/sdk";\nimport { queryBot } from "@parlor/sdk/testing";\n' +
        'const run = await queryBot(defineBot({ async *onQuery() { yield "ok"; } }), "hi");\n' +
        "console.log(run.text, typeof explainTrace);\n",
    );
    const run = await runProgram("node", ["check.mjs"], { cwd: own, env });
    expect(run.stdout.trim()).toBe("ok function");
  }, 60_000);
});
