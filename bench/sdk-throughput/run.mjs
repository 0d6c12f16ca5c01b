// Runs the SDK throughput benchmark: bare node:http bot vs the same bot on @parlor/sdk.
//
//   npm run bench:sdk            (builds, then runs this file)
//   node bench/sdk-throughput/run.mjs
//
// Each server runs alone as a child process (so it has one core and the load generator the
// other), first the c=1 latency phase, then the c=32 throughput phase, while this process
// samples the server's and the load generator's CPU from /proc/<pid>/stat at the start and the
// end of the measured window. Rounds alternate the order (bare, sdk), (sdk, bare), ...; the
// table shows medians over rounds. Always exits 0: it is a benchmark, not a test.
//
// Env knobs: BENCH_ROUNDS (5), BENCH_DURATION (4 s), BENCH_WARMUP (1 s), BENCH_CONCURRENCY (32),
// BENCH_LATENCY_N (2000), BENCH_PIN=0 (do not pin; by default the server runs on CPU 0 and the
// load generator on CPU 1 via taskset when there are ≥ 2 CPUs),
// BENCH_BARE_PER_EVENT=1 (also measure the bare bot with one res.write per event, for reference),
// BENCH_SERVER_ARGS (extra node flags for the servers, e.g. "--cpu-prof").
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const env = process.env;
const rounds = Math.max(1, Number(env.BENCH_ROUNDS ?? 5));
const duration = Number(env.BENCH_DURATION ?? 4);
const warmup = Number(env.BENCH_WARMUP ?? 1);
const concurrency = Number(env.BENCH_CONCURRENCY ?? 32);
const latencyN = Number(env.BENCH_LATENCY_N ?? 2000);
// Pin the server to CPU 0 and the load generator to CPU 1 when possible, so each really has
// its own core (unpinned, the scheduler often wakes both on one core over loopback TCP).
const pin = env.BENCH_PIN !== "0" && cpus().length >= 2 && hasTaskset();

function hasTaskset() {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const serverArgs = (env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
const accessKey = randomBytes(16).toString("hex"); // 32 characters, as Poe's keys
const GOAL = 0.8;

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
} catch {
  // keep 100, the Linux default
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime
  } catch {
    return NaN;
  }
}

/** CPU seconds the whole machine has been busy (all CPUs, from /proc/stat). */
function machineBusySeconds() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user + nice + system + irq + softirq + steal) / clockTicks;
  } catch {
    return NaN;
  }
}

function command(cpu, args) {
  return pin
    ? ["taskset", ["-c", String(cpu), process.execPath, ...args]]
    : [process.execPath, args];
}

/** Starts a bot server and resolves with { child, url } once it prints its URL. */
function startServer(variant) {
  const [file, extraEnv] = variant.server;
  const [cmd, args] = command(0, [...serverArgs, here(file)]);
  const child = spawn(cmd, args, {
    env: { ...env, ...extraEnv, PORT: "0", HOST: "127.0.0.1", POE_ACCESS_KEY: accessKey },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`${file} did not start`)), 10_000);
    lines.on("line", (line) => {
      const match = /https?:\/\/\S+/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    });
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Runs one load phase; `onMark` is called on the generator's measure-start/-end marks. */
function runLoad(url, phase, options, onMark = () => {}) {
  const flags = Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const [cmd, args] = command(1, [here("load.mjs"), url, phase, ...flags]);
  const child = spawn(cmd, args, {
    env: { ...env, POE_ACCESS_KEY: accessKey },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let result;
    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = JSON.parse(line);
      if (message.mark) onMark(message.mark, child.pid);
      if (message.result) result = message.result;
    });
    child.once("exit", (code) =>
      result ? resolve(result) : reject(new Error(`load.mjs ${phase} exited with ${code}`)),
    );
  });
}

async function measure(variant) {
  const { child, url } = await startServer(variant);
  try {
    const latency = await runLoad(url, "latency", { n: latencyN, "warmup-n": 300 });
    let serverStart = 0;
    let loadStart = 0;
    let wallStart = 0;
    let machineStart = 0;
    const cpu = {};
    const throughput = await runLoad(
      url,
      "throughput",
      { concurrency, warmup, duration },
      (mark, loadPid) => {
        const now = performance.now();
        if (mark === "measure-start") {
          serverStart = cpuSeconds(child.pid);
          loadStart = cpuSeconds(loadPid);
          machineStart = machineBusySeconds();
          wallStart = now;
        } else if (mark === "measure-end") {
          const wall = (now - wallStart) / 1000;
          cpu.server = (cpuSeconds(child.pid) - serverStart) / wall;
          cpu.load = (cpuSeconds(loadPid) - loadStart) / wall;
          // Whatever else ran on the machine meanwhile (other processes, interrupts, steal).
          cpu.other = (machineBusySeconds() - machineStart) / wall - cpu.server - cpu.load;
        }
      },
    );
    const serverCpuSeconds = cpu.server * throughput.seconds;
    return {
      firstP50: latency.firstEventP50Us,
      firstP99: latency.firstEventP99Us,
      latencyErrors: latency.errors,
      sampleBody: latency.sampleBody,
      streamsPerSec: throughput.streamsPerSec,
      eventsPerSec: throughput.eventsPerSec,
      streamP50: throughput.streamP50Ms,
      streamP99: throughput.streamP99Ms,
      errors: throughput.errors + latency.errors,
      errorKinds: throughput.errorKinds,
      serverCpu: cpu.server * 100,
      loadCpu: cpu.load * 100,
      otherCpu: Math.max(0, cpu.other * 100),
      cpuPerStreamUs: (serverCpuSeconds / throughput.streams) * 1e6,
      capacity: throughput.streams / serverCpuSeconds,
    };
  } finally {
    await stopServer(child);
  }
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const variants = [
  { name: "bare", label: "bare node:http", server: ["bare-bot.mjs", { BARE_WRITES: "coalesced" }] },
  { name: "sdk", label: "@parlor/sdk serve", server: ["sdk-bot.mjs", {}] },
];
if (env.BENCH_BARE_PER_EVENT === "1") {
  variants.push({
    name: "bare-ev",
    label: "bare, write per event",
    server: ["bare-bot.mjs", { BARE_WRITES: "event" }],
  });
}

const cpuModel = cpus()[0]?.model ?? "unknown CPU";
console.log(
  `SDK throughput benchmark: Node ${process.version}, ${cpus().length} × ${cpuModel}` +
    `${pin ? ", pinned (server CPU 0, load CPU 1)" : ""}`,
);
console.log(
  `${rounds} rounds; c=1: ${latencyN} sequential requests after 300 warm-up; ` +
    `c=${concurrency}: ${warmup} s warm-up + ${duration} s measured; 12 events per stream\n`,
);

const results = Object.fromEntries(variants.map((v) => [v.name, []]));
const fmt = (v, digits = 0) =>
  Number.isFinite(v)
    ? v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";

for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const variant of order) {
    try {
      const r = await measure(variant);
      results[variant.name].push(r);
      console.log(
        `round ${round + 1} ${variant.name.padEnd(6)} first-event p50 ${fmt(r.firstP50)} µs, ` +
          `${fmt(r.streamsPerSec)} streams/s, p99 ${fmt(r.streamP99, 1)} ms, ` +
          `server CPU ${fmt(r.serverCpu)} %, load CPU ${fmt(r.loadCpu)} %, ` +
          `other CPU ${fmt(r.otherCpu)} %, errors ${r.errors}` +
          (r.errors ? ` ${JSON.stringify(r.errorKinds)}` : ""),
      );
    } catch (error) {
      console.log(`round ${round + 1} ${variant.name}: failed: ${error.message}`);
    }
  }
}

// Both bots must send the same bytes, or the comparison is unfair.
const bodies = variants.map((v) => results[v.name][0]?.sampleBody).filter(Boolean);
const sameBytes = bodies.length === variants.length && bodies.every((b) => b === bodies[0]);
console.log(
  `\nreply bytes identical across servers: ${sameBytes ? "yes" : "NO"}` +
    (bodies[0] ? ` (${Buffer.byteLength(bodies[0])} B body per stream)` : ""),
);

const rows = [
  ["c=1 first event p50 (µs)", "firstP50", 0],
  ["c=1 first event p99 (µs)", "firstP99", 0],
  [`c=${concurrency} streams/s`, "streamsPerSec", 0],
  [`c=${concurrency} events/s`, "eventsPerSec", 0],
  [`c=${concurrency} stream latency p50 (ms)`, "streamP50", 2],
  [`c=${concurrency} stream latency p99 (ms)`, "streamP99", 2],
  [`c=${concurrency} server CPU (% of 1 core)`, "serverCpu", 0],
  [`c=${concurrency} server CPU per stream (µs)`, "cpuPerStreamUs", 1],
  ["server capacity, streams/s per core (1e6 / CPU per stream)", "capacity", 0],
  [`c=${concurrency} load-generator CPU (%)`, "loadCpu", 0],
  [`c=${concurrency} other CPU on the machine (%)`, "otherCpu", 0],
  ["errors (all rounds, total)", "errors", 0],
];
const med = Object.fromEntries(
  variants.map((v) => [
    v.name,
    Object.fromEntries(
      rows.map(([, key]) => [
        key,
        key === "errors"
          ? results[v.name].reduce((sum, r) => sum + r.errors, 0)
          : median(results[v.name].map((r) => r[key])),
      ]),
    ),
  ]),
);

const header = ["metric (median of rounds)", ...variants.map((v) => v.label), "SDK / bare"];
const table = rows.map(([label, key, digits]) => [
  label,
  ...variants.map((v) => fmt(med[v.name][key], digits)),
  // Ratios of near-zero figures (idle CPU on a quiet machine) mean nothing.
  key === "errors" || key === "otherCpu" || Math.abs(med.bare[key]) < 1e-9
    ? "n/a"
    : `${fmt(med.sdk[key] / med.bare[key], 2)}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) =>
  "| " +
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") +
  " |";
console.log();
console.log(line(header));
console.log(
  "|" +
    widths.map((w, i) => (i === 0 ? "-".repeat(w + 1) : "-".repeat(w + 1) + ":")).join("|") +
    "|",
);
for (const row of table) console.log(line(row));

const ratio = med.sdk.streamsPerSec / med.bare.streamsPerSec;
const capacityRatio = med.sdk.capacity / med.bare.capacity;
console.log(
  `\nGoal: SDK ≥ ${GOAL.toFixed(2)} × bare streams/s (c=${concurrency}). ` +
    `Measured ${fmt(ratio, 2)} → ${ratio >= GOAL ? "MEETS the goal" : "BELOW the goal"}.`,
);
console.log(
  `CPU-normalised (server-bound) view: SDK capacity = ${fmt(capacityRatio, 2)} × bare ` +
    `(${fmt(med.sdk.cpuPerStreamUs, 1)} vs ${fmt(med.bare.cpuPerStreamUs, 1)} µs of server CPU per stream) → ` +
    `${capacityRatio >= GOAL ? "meets" : "below"} the goal.`,
);
const otherMax = Math.max(
  ...Object.values(results)
    .flat()
    .map((r) => r.otherCpu),
);
if (otherMax > 20) {
  console.log(
    `Warning: other processes used up to ${fmt(otherMax)} % of a CPU during measured windows; ` +
      "absolute figures are disturbed (ratios less so). Rerun on a quiet machine.",
  );
}
if (med.bare.serverCpu < 90) {
  console.log(
    `Note: the bare server used only ${fmt(med.bare.serverCpu)} % of its core (load generator ` +
      `${fmt(med.bare.loadCpu)} %), so bare streams/s is limited by the client and cross-core wake-ups, not ` +
      "by server CPU; the streams/s ratio then overstates the SDK, and the CPU-per-stream ratio is the " +
      "better measure of server capacity.",
  );
}
process.exit(0);
