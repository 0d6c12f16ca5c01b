// Model-proxy benchmark: what Parlor adds when it relays a model through its OpenAI-compatible
// API, against calling the model directly and against the Portkey gateway relaying the same
// model in the same run.
//
//   npm run bench:model-proxy     (builds, installs this folder's own dependencies, runs this)
//
// Processes, all on 127.0.0.1, each its own: the fake OpenAI (fake-openai.mjs), Parlor
// (`parlor start`, SQLite in a temp folder, the fake configured as its OpenAI provider through
// OPENAI_BASE_URL), the Portkey gateway (this folder's node_modules, `x-portkey-custom-host`
// pointing at the fake), and the load generator (load.mjs). CPU is read from /proc at the load
// generator's marks. Always exits 0 unless set-up fails: it is a benchmark, not a test.
//
// Env knobs: BENCH_TTFT_N (1000), BENCH_SECONDS (6), BENCH_CONCURRENCY (32), BENCH_PACED (512).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { cpuSeconds, expectStatus, requestJson } from "../relay/common.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const env = process.env;
const TTFT_N = Number(env.BENCH_TTFT_N ?? 1000);
const SECONDS = Number(env.BENCH_SECONDS ?? 6);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
const PACED = Number(env.BENCH_PACED ?? 512);
const CHUNKS = 20;
const PACE_MS = 20;
const VENDOR_KEY = "sk-bench-model-proxy";
const tmp = mkdtempSync(join(tmpdir(), "parlor-bench-model-proxy-"));
const children = new Set();

process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

/** Spawns a node child; resolves with { child, url } once a line of its stdout matches. */
function startChild(name, args, extraEnv, pattern) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 20_000);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = pattern.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], pid: child.pid });
      }
    });
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a load phase; `onMark(name)` is called (and awaited) at each of the generator's marks. */
function load(phase, options, onMark = () => {}) {
  const child = spawn(process.execPath, [join(here, "load.mjs"), phase, JSON.stringify(options)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", async (line) => {
      const message = JSON.parse(line);
      if (message.mark) {
        await onMark(message.mark);
        child.stdin.write("\n");
      } else if (message.result) resolve(message.result);
    });
    child.once("exit", (code) => code === 0 || reject(new Error(`load ${phase} exited ${code}`)));
  });
}

// ---- set-up --------------------------------------------------------------------------------

if (!existsSync(join(here, "node_modules/@portkey-ai/gateway"))) {
  console.log("installing the Portkey gateway into bench/model-proxy/node_modules …");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: here,
    stdio: "inherit",
  });
}

const fake = await startChild(
  "fake OpenAI",
  [join(here, "fake-openai.mjs")],
  { PORT: "0", CHUNKS: String(CHUNKS), PACE_MS: String(PACE_MS) },
  /fake OpenAI at (\S+)/,
);
const portkeyPort = await freePort();
const portkey = await startChild(
  "Portkey gateway",
  [
    join(here, "node_modules/@portkey-ai/gateway/build/start-server.js"),
    `--port=${portkeyPort}`,
    "--headless",
  ],
  { NODE_ENV: "production" },
  /(http:\/\/localhost:\d+)/,
);
const parlor = await startChild(
  "Parlor",
  [join(root, "packages/cli/bin/parlor.js"), "start"],
  {
    PORT: "0",
    HOST: "127.0.0.1",
    PARLOR_DATA_DIR: join(tmp, "data"),
    PARLOR_SECRET: "model-proxy-bench-secret-model-proxy-bench",
    PARLOR_ENV: "development",
    LOG_LEVEL: "silent",
    OPENAI_BASE_URL: `${fake.url}/v1`,
    OPENAI_API_KEY: VENDOR_KEY,
    OLLAMA_HOST: "off",
    PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "1000000000",
    PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "1000000000",
  },
  /Parlor is running at (\S+)/,
);

const email = "bench@model-proxy.test";
const password = "model-proxy-bench-password";
expectStatus(
  await requestJson(parlor.url, "POST", "/api/auth/signup", { body: { email, password } }),
  201,
  "signup",
);
const login = await requestJson(parlor.url, "POST", "/api/auth/login", {
  body: { email, password },
});
expectStatus(login, 200, "login");
const cookie = /parlor_session=[^;]+/.exec(
  [login.headers["set-cookie"] ?? []].flat().join(";"),
)?.[0];
const { key } = expectStatus(
  await requestJson(parlor.url, "POST", "/api/keys", {
    body: { name: "bench" },
    headers: { cookie },
  }),
  201,
  "create API key",
);
const authorization = `Bearer ${key}`;
// The fake's models become model bots once Parlor has listed them; wait for that.
let models = [];
for (let i = 0; i < 50 && !models.some((m) => /bench-instant/i.test(m.id)); i++) {
  const listed = await requestJson(parlor.url, "GET", "/v1/models", { headers: { authorization } });
  models = listed.body?.data ?? [];
  if (!models.some((m) => /bench-instant/i.test(m.id)))
    await new Promise((r) => setTimeout(r, 200));
}
const handleOf = (name) => {
  const found = models.find((m) => m.id.toLowerCase().includes(name));
  if (!found)
    throw new Error(
      `Parlor lists no model bot for ${name}: ${JSON.stringify(models.map((m) => m.id))}`,
    );
  return found.id;
};

const direct = {
  name: "direct",
  url: `${fake.url}/v1/chat/completions`,
  headers: { authorization: `Bearer ${VENDOR_KEY}` },
  model: "bench-instant",
};
const viaParlor = {
  name: "parlor",
  url: `${parlor.url}/v1/chat/completions`,
  headers: { authorization },
  model: handleOf("bench-instant"),
};
const viaPortkey = {
  name: "portkey",
  url: `${portkey.url.replace("localhost", "127.0.0.1")}/v1/chat/completions`,
  headers: {
    authorization: `Bearer ${VENDOR_KEY}`,
    "x-portkey-provider": "openai",
    "x-portkey-custom-host": `${fake.url}/v1`,
  },
  model: "bench-instant",
};
const targets = [direct, viaParlor, viaPortkey];
const pidOf = { direct: fake.pid, parlor: parlor.pid, portkey: portkey.pid };

const ms = (value) => `${value.toFixed(2)} ms`;
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const verdict = (ok) => (ok ? "met" : "NOT met");
console.log(
  `Parlor ${parlor.url} · Portkey ${portkey.url} · fake OpenAI ${fake.url} · ${CHUNKS} chunks per answer`,
);

// ---- 1. time to first token, c=1 ------------------------------------------------------------

const first = await load("ttft", { targets, iterations: TTFT_N, warmup: 200, chunks: CHUNKS });
console.log(
  `\n1. Time to first content chunk, c=1, streamed (${TTFT_N} per target, rotating; ${first.failures} failed checks)`,
);
for (const [name, f] of Object.entries(first.figures))
  console.log(`   ${name.padEnd(8)} p50 ${ms(f.p50)}  p90 ${ms(f.p90)}  p99 ${ms(f.p99)}`);
const addedParlor = first.figures.parlor.p50 - first.figures.direct.p50;
const addedPortkey = first.figures.portkey.p50 - first.figures.direct.p50;
console.log(
  `   added p50: Parlor ${ms(addedParlor)}, Portkey ${ms(addedPortkey)}  (goal ≤ 0.5 ms: ${verdict(addedParlor <= 0.5)})`,
);

// ---- 2. throughput at c=32, streamed and not, with CPU per request -------------------------

for (const stream of [true, false]) {
  const cpu = {};
  const result = await load(
    "throughput",
    { targets, concurrency: CONCURRENCY, seconds: SECONDS, stream, chunks: CHUNKS },
    (mark) => {
      const [name, edge] = mark.split(":");
      const seconds = cpuSeconds(pidOf[name]);
      if (edge === "start") cpu[name] = seconds;
      else cpu[name] = seconds - cpu[name];
    },
  );
  const f = result.figures;
  console.log(
    `\n2${stream ? "a" : "b"}. Throughput at c=${CONCURRENCY}, ${stream ? "streamed" : "not streamed"}, ${SECONDS} s per target`,
  );
  for (const [name, figures] of Object.entries(f)) {
    const perRequestMs = (cpu[name] / figures.requests) * 1000;
    console.log(
      `   ${name.padEnd(8)} ${figures.perSecond.toFixed(0).padStart(6)} req/s  (${figures.failures} failed)  ` +
        `CPU of the ${name === "direct" ? "model" : "proxy"} ${perRequestMs.toFixed(3)} ms/request${figures.sample ? `  e.g. ${figures.sample}` : ""}`,
    );
  }
  const ofDirect = ratio(f.parlor.perSecond, f.direct.perSecond);
  const ofPortkey = ratio(f.parlor.perSecond, f.portkey.perSecond);
  console.log(
    `   Parlor/direct ${(ofDirect * 100).toFixed(1)}% (goal ≥ 60%: ${verdict(ofDirect >= 0.6)}), Parlor/Portkey ${ofPortkey.toFixed(2)}× (goal ≥ 5×: ${verdict(ofPortkey >= 5)})`,
  );
  if (stream) {
    const cpuRatio = ratio(cpu.parlor / f.parlor.requests, cpu.portkey / f.portkey.requests);
    console.log(
      `   CPU per streamed request, Parlor/Portkey ${cpuRatio.toFixed(3)} (goal ≤ 0.1: ${verdict(cpuRatio <= 0.1)})`,
    );
  }
}

// ---- 3. paced concurrent streams -----------------------------------------------------------

for (const target of [
  { ...direct, model: "bench-paced" },
  { ...viaParlor, model: handleOf("bench-paced") },
]) {
  const result = await load("paced", { target, streams: PACED, chunks: CHUNKS });
  // A stall: a gap between two chunks of one stream of more than 10 times the model's pace.
  const stalled = result.gap.max > PACE_MS * 10;
  console.log(
    `\n3. ${PACED} paced streams at once (${CHUNKS} chunks ${PACE_MS} ms apart), ${target.name}: ${result.completed} complete, ${result.failed} failed; ` +
      `first chunk p50 ${ms(result.firstChunk.p50)} p99 ${ms(result.firstChunk.p99)}; gap p50 ${ms(result.gap.p50)} p99 ${ms(result.gap.p99)} max ${ms(result.gap.max)}` +
      (target.name === "parlor"
        ? `  (goal: all complete, no gap > ${PACE_MS * 10} ms: ${verdict(result.failed === 0 && !stalled)})`
        : "") +
      (result.sample ? `  e.g. ${result.sample}` : ""),
  );
}
process.exit(0);
