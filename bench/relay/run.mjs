// Platform relay benchmark (B5, B6, B7 of /work/shared/reference/perf-anchors.md §9).
//
//   npm run bench:relay          (builds, then runs this file)
//   node bench/relay/run.mjs     (after a build)
//
// Every phase starts a fresh mock bot (mock-bot.mjs) and a fresh platform
// (`node packages/cli/bin/parlor.js start`, SQLite in a temp data folder), creates accounts,
// keys, bots and conversations outside the measured window, warms up, then lets the load
// generator (load.mjs, its own process) run while this process samples the platform's CPU
// (utime + stime from /proc/<pid>/stat) and RSS (/proc/<pid>/status) at the generator's marks.
//
//   1. c=1 time to first `text` event: (a) direct Poe query to the mock, (b) the same request
//      through the platform's `POST /bot/<handle>` (user API key), (c) the chat path
//      (send + GET stream_url, session cookie), (e) the chat path in one request (the send with
//      `Accept: text/event-stream`).
//   2. 1,000 concurrent streams of paced events (20 ms apart): first straight to the mock
//      (baseline), then through the chat path.
//   3. 2,000 idle chat streams (reply: one text event, then silence): RSS per connection.
//   4. Database writes per turn, observed from outside: commit frames in the SQLite WAL (with
//      a read snapshot held so the WAL cannot restart) and row counts per table.
//
// Env knobs: BENCH_ONLY (e.g. "1,4"), BENCH_TTFE_N (1000), BENCH_STREAMS (1000),
// BENCH_STREAM_EVENTS (250), BENCH_IDLE (2000), BENCH_PLATFORM_ARGS (extra node flags for the
// platform, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_MARKS_FILE (append each mark's
// CLOCK_MONOTONIC time in µs, the clock of V8 profiles, to cut a profile to a window),
// BENCH_KEEP_DATA=1 (keep the temp folder).
// Always exits 0 unless setup fails: it is a benchmark, not a test.
import { spawn } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ACCESS_KEY,
  QUERY_BODY,
  cpuSeconds,
  expectStatus,
  expectedText,
  machineBusySeconds,
  requestJson,
  rssKiB,
} from "./common.mjs";

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
const env = process.env;
const only = new Set((env.BENCH_ONLY ?? "1,2,3,4").split(",").map((s) => s.trim()));
const TTFE_N = Number(env.BENCH_TTFE_N ?? 1000);
const TTFE_PIECES = 20;
const STREAMS = Number(env.BENCH_STREAMS ?? 1000);
const STREAM_EVENTS = Number(env.BENCH_STREAM_EVENTS ?? 250);
const INTERVAL_MS = 20;
const IDLE = Number(env.BENCH_IDLE ?? 2000);
const platformArgs = (env.BENCH_PLATFORM_ARGS ?? "").split(" ").filter(Boolean);
const PASSWORD = "relay-bench-password-1";

const tmp = mkdtempSync(join(tmpdir(), "parlor-bench-relay-"));
const children = new Set();
const wallStart = performance.now();

// ---- process management ----------------------------------------------------------------------

function cleanup() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  if (env.BENCH_KEEP_DATA !== "1") rmSync(tmp, { recursive: true, force: true });
}
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** Spawns a node child; resolves with { child, url } when a line of its stdout has a URL. */
function startChild(name, args, extraEnv, pattern = /https?:\/\/\S+/) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${stderr}`)), 15_000);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = pattern.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] ?? match[0], pid: child.pid });
      }
    });
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}: ${stderr}`)));
  });
}

function stopChild(child, graceMs = 6000) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

const startMock = () =>
  startChild("mock-bot", [here("mock-bot.mjs")], { PORT: "0", HOST: "127.0.0.1" });

const startMinimalRelay = (upstream) =>
  startChild("minimal-relay", [here("minimal-relay.mjs")], {
    PORT: "0",
    HOST: "127.0.0.1",
    UPSTREAM: upstream,
  });

/**
 * Has the platform write a heap snapshot (it runs with --heapsnapshot-signal when
 * BENCH_HEAP_SNAPSHOTS is set) and waits until the file is complete.
 */
async function heapSnapshot(pid, dir) {
  const before = new Set(readdirSync(dir));
  process.kill(pid, "SIGUSR2");
  for (let last = -1; ;) {
    await sleep(500);
    const file = readdirSync(dir).find((name) => !before.has(name));
    const size = file ? statSync(join(dir, file)).size : -1;
    if (size > 0 && size === last) return;
    last = size;
  }
}

function startPlatform(phase) {
  const dataDir = join(tmp, `phase${phase}`);
  return startChild(
    "platform",
    [
      ...platformArgs,
      ...(env.BENCH_HEAP_SNAPSHOTS
        ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${env.BENCH_HEAP_SNAPSHOTS}`]
        : []),
      join(root, "packages/cli/bin/parlor.js"),
      "start",
    ],
    {
      PORT: "0",
      HOST: "127.0.0.1",
      PARLOR_DATA_DIR: dataDir,
      PARLOR_SECRET: "relay-bench-secret-relay-bench-secret-0123",
      PARLOR_ENV: "development",
      // The mock bot runs on this machine; the platform refuses loopback bots by default.
      PARLOR_ALLOW_LOOPBACK_BOTS: "true",
      LOG_LEVEL: "silent",
      PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "1000000000",
      PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "1000000000",
    },
    /Parlor is running at (\S+)/,
  ).then((started) => ({ ...started, dataDir }));
}

/** Accounts (first is admin), one session cookie each, an API key, and the given bots. */
async function setup(platform, users, bots) {
  const cookies = [];
  for (let i = 0; i < users; i++) {
    const email = `bench${i}@relay.test`;
    expectStatus(
      await requestJson(platform, "POST", "/api/auth/signup", {
        body: { email, password: PASSWORD },
      }),
      201,
      "signup",
    );
    const login = await requestJson(platform, "POST", "/api/auth/login", {
      body: { email, password: PASSWORD },
    });
    expectStatus(login, 200, "login");
    const setCookie = [login.headers["set-cookie"] ?? []].flat().join(";");
    const cookie = /parlor_session=[^;]+/.exec(setCookie)?.[0];
    if (!cookie) throw new Error(`login set no session cookie: ${setCookie}`);
    cookies.push(cookie);
  }
  const admin = { cookie: cookies[0] };
  const { key } = expectStatus(
    await requestJson(platform, "POST", "/api/keys", { body: { name: "bench" }, headers: admin }),
    201,
    "create API key",
  );
  for (const [handle, serverUrl] of Object.entries(bots)) {
    expectStatus(
      await requestJson(platform, "POST", "/api/bots", {
        body: { handle, server_url: serverUrl, access_key: ACCESS_KEY },
        headers: admin,
      }),
      201,
      `register bot ${handle}`,
    );
  }
  return { cookies, apiKey: key };
}

/**
 * Runs load.mjs; `onMark(name)` runs at each mark (and the generator waits for it when the mark
 * asks to). Resolves with the generator's result.
 */
function runLoad(phase, options, onMark = () => {}) {
  const child = spawn(process.execPath, [here("load.mjs"), phase, JSON.stringify(options)], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    let result;
    let chain = Promise.resolve();
    createInterface({ input: child.stdout }).on("line", (line) => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        return console.log(`  load: ${line}`);
      }
      if (message.log) console.log(`  load: ${message.log}`);
      if (message.result) result = message.result;
      if (message.mark) {
        // For cutting a --cpu-prof profile to a window: CLOCK_MONOTONIC µs, V8's profile clock.
        if (env.BENCH_MARKS_FILE) {
          const monoUs = Number(process.hrtime.bigint() / 1000n);
          appendFileSync(
            env.BENCH_MARKS_FILE,
            `${JSON.stringify({ phase, mark: message.mark, monoUs })}\n`,
          );
        }
        chain = chain.then(async () => {
          await onMark(message.mark, child.pid);
          if (message.wait) child.stdin.write("\n");
        });
      }
    });
    child.once("exit", (code) =>
      chain.then(() =>
        result ? resolve(result) : reject(new Error(`load.mjs ${phase} exited with ${code}`)),
      ),
    );
  });
}

/** CPU seconds of each process and of the machine, and the platform's RSS, now. */
function sample(pids) {
  const cpu = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  if (pids.platform) cpu.platformMain = cpuSeconds(pids.platform, pids.platform);
  return {
    t: performance.now(),
    cpu,
    machine: machineBusySeconds(),
    rss: pids.platform ? rssKiB(pids.platform) : NaN,
  };
}

/** CPU use between two samples, as fractions of one core. */
function cpuBetween(a, b) {
  const wall = (b.t - a.t) / 1000;
  const out = { wall };
  for (const k of Object.keys(a.cpu)) out[k] = (b.cpu[k] - a.cpu[k]) / wall;
  out.machine = (b.machine - a.machine) / wall;
  return out;
}

/** Median of `count` RSS readings `gapMs` apart (RSS moves a little with GC). */
async function steadyRss(pid, count = 5, gapMs = 200) {
  const values = [];
  for (let i = 0; i < count; i++) {
    if (i) await sleep(gapMs);
    values.push(rssKiB(pid));
  }
  values.sort((a, b) => a - b);
  return values[values.length >> 1];
}

// ---- SQLite write observation (phase 4) ------------------------------------------------------

/**
 * Valid frames and commit frames in a SQLite WAL file. A frame is valid when its salts match the
 * header's; a commit frame has a non-zero "database size after commit" field. One commit frame
 * = one write transaction.
 */
function readWal(path) {
  if (!existsSync(path) || statSync(path).size < 32) return { salt: "", frames: 0, commits: 0 };
  const wal = readFileSync(path);
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let frames = 0;
  let commits = 0;
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    if (wal.readUInt32BE(offset + 8) !== salt1 || wal.readUInt32BE(offset + 12) !== salt2) break;
    frames++;
    if (wal.readUInt32BE(offset + 4) !== 0) commits++;
  }
  return { salt: `${salt1}:${salt2}`, frames, commits, pageSize };
}

function walDelta(before, after) {
  if (before.salt === after.salt) {
    return {
      commits: after.commits - before.commits,
      frames: after.frames - before.frames,
      restarted: false,
    };
  }
  // The WAL restarted (at most once while our snapshot is held: at the first write).
  return { commits: after.commits, frames: after.frames, restarted: true };
}

const TABLES = ["messages", "conversations", "bot_calls", "api_keys", "sessions", "users"];

async function phaseWrites(platform, dataDir, ctx) {
  const { default: Database } = await import("better-sqlite3");
  const dbPath = join(dataDir, "parlor.sqlite");
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const countRows = () =>
    Object.fromEntries(
      TABLES.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`).get().n]),
    );
  const cookie = ctx.cookies[0];
  const TURNS = 20;

  const createConversation = async (bot) =>
    expectStatus(
      await requestJson(platform, "POST", "/api/conversations", {
        body: { bot },
        headers: { cookie },
      }),
      201,
      "create conversation",
    ).conversation.id;
  const chat = async (conversationId, headers, pieces) => {
    const sent = expectStatus(
      await requestJson(platform, "POST", `/api/conversations/${conversationId}/messages`, {
        body: { content: "tell me something" },
        headers,
      }),
      202,
      "send",
    );
    const stream = await requestJson(platform, "GET", sent.stream_url, { headers });
    const done = /event: done\r?\ndata: (.*)/.exec(String(stream.body))?.[1];
    const data = done ? JSON.parse(done) : undefined;
    if (data?.status !== "complete" || data.text !== expectedText(pieces))
      throw new Error(`chat turn did not complete: ${String(stream.body).slice(-200)}`);
  };
  const poe = async () => {
    const r = await requestJson(platform, "POST", `/bot/${ctx.handle}`, {
      body: JSON.parse(QUERY_BODY),
      headers: { authorization: `Bearer ${ctx.apiKey}` },
    });
    if (r.status !== 200 || !String(r.body).includes("event: done"))
      throw new Error(`Poe API: HTTP ${r.status}`);
  };

  const firstConvs = [];
  for (let i = 0; i < TURNS; i++) firstConvs.push(await createConversation(ctx.handle));
  const keyConvs = [];
  for (let i = 0; i < TURNS; i++) keyConvs.push(await createConversation(ctx.handle));
  const longConv = await createConversation(ctx.longHandle);
  for (const id of keyConvs) await chat(id, { cookie }, TTFE_PIECES); // so the key case is a 2nd turn
  await sleep(2300);

  const cases = [
    [
      "chat, 1st turn of a conversation (cookie)",
      TURNS,
      async () => {
        for (const id of firstConvs) await chat(id, { cookie }, TTFE_PIECES);
      },
    ],
    [
      "chat, 2nd turn (cookie)",
      TURNS,
      async () => {
        for (const id of firstConvs) await chat(id, { cookie }, TTFE_PIECES);
      },
    ],
    [
      "chat, 2nd turn (API key: CLI/scripts)",
      TURNS,
      async () => {
        for (const id of keyConvs)
          await chat(id, { authorization: `Bearer ${ctx.apiKey}` }, TTFE_PIECES);
      },
    ],
    [
      "Poe API POST /bot/<handle> (API key)",
      TURNS,
      async () => {
        for (let i = 0; i < TURNS; i++) await poe();
      },
    ],
    [
      `chat, 1st turn, ${ctx.longPieces}-token reply over ~${((ctx.longPieces * ctx.longIntervalMs) / 1000).toFixed(0)} s`,
      1,
      async () => {
        await chat(longConv, { cookie }, ctx.longPieces);
      },
    ],
  ];
  const results = [];
  for (const [label, turns, run] of cases) {
    const rowsBefore = countRows();
    db.exec("BEGIN");
    countRows(); // opens the read snapshot: the WAL cannot restart until COMMIT
    const walBefore = readWal(`${dbPath}-wal`);
    const t0 = performance.now();
    try {
      await run();
    } catch (error) {
      db.exec("COMMIT");
      results.push({ label, error: error.message });
      continue;
    }
    const seconds = (performance.now() - t0) / 1000;
    await sleep(2300); // the bot-call log is flushed in batches, 2 s after its first record
    const delta = walDelta(walBefore, readWal(`${dbPath}-wal`));
    db.exec("COMMIT");
    const rowsAfter = countRows();
    const rows = Object.fromEntries(
      TABLES.map((t) => [t, rowsAfter[t] - rowsBefore[t]]).filter(([, d]) => d !== 0),
    );
    results.push({ label, turns, seconds, ...delta, rows, pageSize: walBefore.pageSize });
  }
  db.close();
  return results;
}

// ---- phases ----------------------------------------------------------------------------------

const report = { phase1: undefined, phase2: undefined, phase3: undefined, phase4: undefined };
const fmt = (v, digits = 0) =>
  Number.isFinite(v)
    ? v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
const elapsed = () => `${((performance.now() - wallStart) / 1000).toFixed(1)} s`;

async function phase1and4() {
  const mock = await startMock();
  const platform = await startPlatform(1);
  // (d) in phase 1: the least any relay adds (same loopback hops, no platform work).
  const relay = await startMinimalRelay(mock.url);
  try {
    const handle = "relay_instant";
    const longHandle = "relay_long";
    const longPieces = 2000;
    const longIntervalMs = 2;
    const ctx = await setup(platform.url, 1, {
      [handle]: `${mock.url}/instant/${TTFE_PIECES}`,
      [longHandle]: `${mock.url}/paced/${longPieces}/${longIntervalMs}`,
    });
    if (only.has("1")) {
      console.log(`[${elapsed()}] phase 1: c=1 time to first text event (direct / Poe API / chat)`);
      const pids = { platform: platform.pid, mock: mock.pid };
      const mockBefore = (await requestJson(mock.url, "GET", "/__stats")).body;
      let start;
      let cpu;
      const result = await runLoad(
        "ttfe",
        {
          platform: platform.url,
          mock: mock.url,
          relay: relay.url,
          handle,
          apiKey: ctx.apiKey,
          cookies: ctx.cookies,
          n: TTFE_N,
          warmup: Number(env.BENCH_TTFE_WARMUP ?? 200),
          pieces: TTFE_PIECES,
          budgetMs: 25_000,
        },
        (mark, loadPid) => {
          const s = sample({ ...pids, load: loadPid });
          if (mark === "measure-start") start = s;
          if (mark === "measure-end") cpu = cpuBetween(start, s);
        },
      );
      const mockAfter = (await requestJson(mock.url, "GET", "/__stats")).body;
      // The load generator's direct queries share one keep-alive connection (plus the stats
      // requests'); whatever else the mock accepted was opened by the platform.
      const botCalls = result.platformBotCalls;
      const platformConnections = mockAfter.connections - mockBefore.connections - 2;
      report.phase1 = { ...result, cpu, rss: rssKiB(platform.pid), botCalls, platformConnections };
      const e = result.errors;
      console.log(
        `  ${result.measured} measured iterations; errors direct ${e.direct}, poe ${e.poe}, chat ${e.chat}, one-request chat ${e.chatOne}` +
          (Object.keys(result.firstError).length
            ? ` (first: ${JSON.stringify(result.firstError)})`
            : ""),
      );
    }
    if (only.has("4")) {
      console.log(`[${elapsed()}] phase 4: database writes per turn (SQLite WAL commit frames)`);
      report.phase4 = await phaseWrites(platform.url, platform.dataDir, {
        ...ctx,
        handle,
        longHandle,
        longPieces,
        longIntervalMs,
      });
    }
  } finally {
    await stopChild(relay.child);
    await stopChild(platform.child);
    await stopChild(mock.child);
  }
}

async function phase2() {
  console.log(
    `[${elapsed()}] phase 2a: ${STREAMS} streams × ${STREAM_EVENTS} events @ ${INTERVAL_MS} ms, direct to the mock`,
  );
  const common = {
    n: STREAMS,
    pieces: STREAM_EVENTS,
    intervalMs: INTERVAL_MS,
    warmupN: STREAMS,
    warmupPieces: 50,
  };
  const measureStreams = async (target, pids, options) => {
    const samples = {};
    const result = await runLoad("streams", { target, ...common, ...options }, (mark, loadPid) => {
      samples[mark] = sample({ ...pids, load: loadPid });
    });
    const between = (from, to) =>
      samples[from] && samples[to] && samples[to].t > samples[from].t
        ? cpuBetween(samples[from], samples[to])
        : undefined;
    const whole = between("measure-start", "measure-end");
    const steady = between("steady-start", "steady-end");
    const sends = between("measure-start", "all-accepted");
    const afterSends = between("all-accepted", "measure-end");
    // CPU µs per text event relayed in a window, for the process under test.
    const who = pids.platform ? "platform" : pids.relay ? "relay" : "mock";
    const perEvent = (w, name) =>
      w && result.eventsIn?.[name] ? ((w[who] * w.wall) / result.eventsIn[name]) * 1e6 : NaN;
    const usPerEvent = {
      whole: perEvent(whole, "whole"),
      steady: perEvent(steady, "steady"),
      afterSends: perEvent(afterSends, "afterSends"),
    };
    return {
      ...result,
      whole,
      steady,
      sends,
      afterSends,
      usPerEvent,
      rss: samples["measure-end"]?.rss,
      rssSteady: samples["steady-start"]?.rss,
      rssStart: samples["measure-start"]?.rss,
    };
  };
  {
    const mock = await startMock();
    try {
      report.phase2direct = await measureStreams("direct", { mock: mock.pid }, { mock: mock.url });
      const p = report.phase2direct;
      console.log(
        `  ${p.received}/${p.expected} text events, ${p.failed} failed streams` +
          (p.failed ? ` ${JSON.stringify(p.errorKinds)}` : "") +
          `; window ${fmt(p.whole?.wall, 1)} s, mock CPU ${fmt(p.whole?.mock * 100)} %`,
      );
    } finally {
      await stopChild(mock.child);
    }
  }
  console.log(
    `[${elapsed()}] phase 2c: the same through a minimal node:http relay (the floor for relaying)`,
  );
  {
    const mock = await startMock();
    const relay = await startMinimalRelay(mock.url);
    try {
      // The load generator's "direct" mode, pointed at the relay, which forwards to the mock.
      report.phase2relay = await measureStreams(
        "direct",
        { relay: relay.pid, mock: mock.pid },
        { mock: relay.url },
      );
      const p = report.phase2relay;
      console.log(
        `  ${p.received}/${p.expected} text events, ${p.failed} failed streams` +
          `; window ${fmt(p.whole?.wall, 1)} s, relay CPU ${fmt(p.whole?.relay * 100)} %`,
      );
    } finally {
      await stopChild(relay.child);
      await stopChild(mock.child);
    }
  }
  console.log(
    `[${elapsed()}] phase 2b: the same through the platform's chat path (send + GET stream)`,
  );
  const mock = await startMock();
  const platform = await startPlatform(2);
  try {
    const handle = "relay_paced";
    const warmHandle = "relay_paced_warm";
    const ctx = await setup(platform.url, 10, {
      [handle]: `${mock.url}/paced/${STREAM_EVENTS}/${INTERVAL_MS}`,
      [warmHandle]: `${mock.url}/paced/${common.warmupPieces}/${INTERVAL_MS}`,
    });
    report.phase2 = await measureStreams(
      "platform",
      { platform: platform.pid, mock: mock.pid },
      { platform: platform.url, mock: mock.url, handle, warmHandle, cookies: ctx.cookies },
    );
    const p = report.phase2;
    console.log(
      `  ${p.received}/${p.expected} text events, ${p.failed} failed streams` +
        (p.failed ? ` ${JSON.stringify(p.errorKinds)}` : "") +
        `; window ${fmt(p.whole?.wall, 1)} s, platform CPU ${fmt(p.whole?.platform * 100)} %`,
    );
  } finally {
    await stopChild(platform.child);
    await stopChild(mock.child);
  }
}

async function phase3() {
  console.log(`[${elapsed()}] phase 3: ${IDLE} idle chat streams (one text event, then silence)`);
  // The same-run baseline: idle SSE streams from bare node:http (the mock), same client.
  {
    const mock = await startMock();
    try {
      const rss = {};
      const result = await runLoad(
        "idle-raw",
        { mock: mock.url, n: IDLE, warmupN: 200 },
        async (mark) => {
          rss[mark] = await steadyRss(mock.pid);
        },
      );
      report.phase3raw = { ...result, rss };
    } finally {
      await stopChild(mock.child);
    }
  }
  const mock = await startMock();
  const platform = await startPlatform(3);
  try {
    const handle = "relay_idle";
    const ctx = await setup(platform.url, 10, { [handle]: `${mock.url}/idle` });
    const rss = {};
    const result = await runLoad(
      "idle",
      {
        platform: platform.url,
        mock: mock.url,
        handle,
        cookies: ctx.cookies,
        n: IDLE,
        warmupN: 200,
      },
      async (mark) => {
        rss[mark] = await steadyRss(platform.pid);
        if (env.BENCH_HEAP_SNAPSHOTS) await heapSnapshot(platform.pid, env.BENCH_HEAP_SNAPSHOTS);
      },
    );
    report.phase3 = { ...result, rss };
  } finally {
    await requestJson(mock.url, "POST", "/__release").catch(() => {});
    await stopChild(platform.child);
    await stopChild(mock.child);
  }
}

// ---- main ------------------------------------------------------------------------------------

if (!existsSync(join(root, "packages/cli/dist/main.js"))) {
  console.error("The platform is not built: run `npm run bench:relay` (it builds first).");
  process.exit(1);
}
console.log(
  `Relay benchmark: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ` +
    `platform = parlor start (SQLite WAL), data in ${tmp}\n`,
);
const phases = [];
if (only.has("1") || only.has("4")) phases.push(phase1and4);
if (only.has("2")) phases.push(phase2);
if (only.has("3")) phases.push(phase3);
for (const run of phases) {
  try {
    await run();
  } catch (error) {
    console.log(`  phase failed: ${error.stack ?? error.message}`);
  }
}

// ---- the table -------------------------------------------------------------------------------

const rows = [];
const row = (section, metric, value, baseline = "", ratio = "", goal = "", verdict = "") =>
  rows.push([section, metric, value, baseline, ratio, goal, verdict]);
const ms = (v) => (Number.isFinite(v) ? `${fmt(v, 3)} ms` : "n/a");
const ratioOf = (a, b) =>
  Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${fmt(a / b, 2)}×` : "";
const check = (ok) => (ok === undefined ? "" : ok ? "meets" : "MISSES");

const p1 = report.phase1;
if (p1) {
  const d = p1.direct;
  row(
    "1 c=1",
    "(a) direct to mock: first text p50 / p99",
    `${ms(d.p50)} / ${ms(d.p99)}`,
    "baseline",
  );
  if (p1.poeAvailable && p1.poe.n > 0) {
    const b = p1.poe;
    row(
      "1 c=1",
      "(b) POST /bot/<handle>: first text p50 / p99",
      `${ms(b.p50)} / ${ms(b.p99)}`,
      "(a)",
      `${ratioOf(b.p50, d.p50)} / ${ratioOf(b.p99, d.p99)}`,
    );
    row(
      "1 c=1",
      "(b) − (a) added p50",
      ms(b.p50 - d.p50),
      "(a)",
      "",
      "≤ 1 ms",
      check(b.p50 - d.p50 <= 1),
    );
    row(
      "1 c=1",
      "(b) − (a) added p99",
      ms(b.p99 - d.p99),
      "(a)",
      "",
      "≤ 5 ms",
      check(b.p99 - d.p99 <= 5),
    );
    if (p1.relay?.n > 0) {
      const r = p1.relay;
      row(
        "1 c=1",
        "(d) minimal node:http relay: first text p50 / p99",
        `${ms(r.p50)} / ${ms(r.p99)}`,
        "(a)",
        `${ratioOf(r.p50, d.p50)} / ${ratioOf(r.p99, d.p99)}`,
        "",
        `the least a relay adds here: ${ms(r.p50 - d.p50)} p50`,
      );
      row(
        "1 c=1",
        "(b) − (d): the platform over a minimal relay, p50 / p99",
        `${ms(b.p50 - r.p50)} / ${ms(b.p99 - r.p99)}`,
        "(d)",
      );
    }
    row(
      "1 c=1",
      "(b) whole reply (done) p50, (a) in baseline",
      ms(p1.poeTotal.p50),
      ms(p1.directTotal.p50),
      ratioOf(p1.poeTotal.p50, p1.directTotal.p50),
    );
  } else {
    row(
      "1 c=1",
      "(b) POST /bot/<handle>",
      "not working yet: measured the chat path only",
      "",
      "",
      "",
      "",
    );
  }
  /** A chat path's first text and what it adds over (a); the goal is for (b), so: info. */
  const chatRows = (label, what, trips, result) => {
    row(
      "1 c=1",
      `${label} ${what} → first text p50 / p99`,
      `${ms(result.p50)} / ${ms(result.p99)}`,
      "(a)",
      `${ratioOf(result.p50, d.p50)} / ${ratioOf(result.p99, d.p99)}`,
    );
    row(
      "1 c=1",
      `${label} − (a) added p50 / p99 (${trips} + DB writes)`,
      `${ms(result.p50 - d.p50)} / ${ms(result.p99 - d.p99)}`,
      "(a)",
      "",
      "(info; goal is for (b))",
    );
  };
  chatRows("(c)", "chat send", "2 round trips", p1.chat);
  row(
    "1 c=1",
    "(c) split: POST → 202 p50 / GET → first text p50",
    `${ms(p1.chatSend.p50)} / ${ms(p1.chatStream.p50)}`,
  );
  chatRows(
    "(e)",
    "chat send in one request (Accept: text/event-stream)",
    "1 round trip",
    p1.chatOne,
  );
  if (p1.cpu) {
    const other = p1.cpu.machine - p1.cpu.platform - p1.cpu.mock - p1.cpu.load;
    row(
      "1 c=1",
      "platform / mock / load gen / other processes CPU",
      `${fmt(p1.cpu.platform * 100)} / ${fmt(p1.cpu.mock * 100)} / ${fmt(p1.cpu.load * 100)} / ${fmt(other * 100)} %`,
      "",
      "",
      "",
      other > 0.2 ? "other processes were busy: p99s disturbed" : "",
    );
  }
  if (p1.cpu)
    row(
      "1 c=1",
      "platform CPU per iteration (one (b) call, one (c) and one (e) turn)",
      `${fmt((p1.cpu.platform * p1.cpu.wall * 1000) / p1.iterations, 2)} ms`,
      "",
      "",
      "",
      `main thread ${fmt((p1.cpu.platformMain * p1.cpu.wall * 1000) / p1.iterations, 2)} ms (the rest: JIT and GC threads)`,
    );
  row(
    "1 c=1",
    "new TCP connections platform → bot per bot call",
    `${fmt(p1.platformConnections / p1.botCalls, 2)} (${fmt(p1.platformConnections)} for ${fmt(p1.botCalls)} calls)`,
    "keep-alive: ≈ 0",
    "",
    "≈ 0",
    check(p1.platformConnections / p1.botCalls < 0.05),
  );
  if (p1.retries)
    row("1 c=1", "client resends on a reused socket the server had closed", fmt(p1.retries));
  row(
    "1 c=1",
    "errors (direct / poe / chat)",
    `${p1.errors.direct} / ${p1.errors.poe} / ${p1.errors.chat + p1.errors.chatOne}`,
    "",
    "",
    "0",
    check(p1.errors.direct + p1.errors.poe + p1.errors.chat + p1.errors.chatOne === 0),
  );
}

const p2 = report.phase2;
const p2d = report.phase2direct;
const p2r = report.phase2relay;
if (p2) {
  const section = `2 ${STREAMS}×${STREAM_EVENTS}@${INTERVAL_MS}ms`;
  const pct = (v) => `${fmt(v * 100)} %`;
  // The process's CPU at 1,000 live streams: measured when a window with all of them live
  // exists; else projected from the CPU per relayed event once every send was accepted.
  const mockUs = p2d?.usPerEvent.steady ?? p2d?.usPerEvent.whole;
  const relayUs = Number.isFinite(p2.usPerEvent.steady)
    ? p2.usPerEvent.steady
    : p2.usPerEvent.afterSends;
  const relayUsLabel = Number.isFinite(p2.usPerEvent.steady)
    ? "all streams live"
    : "after all sends were accepted";
  const liveRate = STREAMS * (1000 / INTERVAL_MS); // events/s with every stream live
  if (p2.steady) {
    row(
      section,
      "platform CPU, all streams live (% of one core)",
      pct(p2.steady.platform),
      p2d?.steady ? `mock alone ${pct(p2d.steady.mock)}` : "",
      ratioOf(p2.steady.platform, p2d?.steady?.mock),
      "≤ 50 %",
      check(p2.steady.platform <= 0.5),
    );
  } else {
    row(
      section,
      "platform CPU, all streams live (% of one core)",
      "n/a: sends outlasted the first reply",
      "",
      "",
      "≤ 50 %",
      "",
    );
  }
  row(
    section,
    `platform CPU per relayed event (${relayUsLabel})`,
    `${fmt(relayUs, 1)} µs`,
    `mock ${fmt(mockUs, 1)} µs; anchor raw fan-out 8.6-8.9 µs`,
    ratioOf(relayUs, mockUs),
  );
  // The same-run floor for relaying: a minimal node:http relay (parse, re-encode, one write per
  // event), measured the same way. On a VM where a syscall costs more than on the anchor's box,
  // the absolute goal can sit below this floor; the ratio says what the platform adds.
  const floorUs = p2r?.usPerEvent.steady ?? p2r?.usPerEvent.afterSends;
  if (p2r)
    row(
      section,
      "platform CPU per relayed event vs a minimal node:http relay",
      `${fmt(relayUs, 1)} µs`,
      `minimal relay ${fmt(floorUs, 1)} µs (${pct((floorUs * liveRate) / 1e6)} at ${fmt(liveRate)}/s); ${p2r.received}/${p2r.expected} events`,
      ratioOf(relayUs, floorUs),
    );
  row(
    section,
    `→ projected CPU at ${fmt(liveRate)} events/s (${STREAMS} × ${1000 / INTERVAL_MS}/s)`,
    pct((relayUs * liveRate) / 1e6),
    `mock ${pct((mockUs * liveRate) / 1e6)}`,
    ratioOf(relayUs, mockUs),
    "≤ 50 %",
    check((relayUs * liveRate) / 1e6 <= 0.5),
  );
  row(
    section,
    "platform CPU, whole window incl. the sends (% of one core)",
    `${pct(p2.whole?.platform)} over ${fmt(p2.whole?.wall, 1)} s`,
    p2d?.whole ? `mock ${pct(p2d.whole.mock)} over ${fmt(p2d.whole.wall, 1)} s` : "",
  );
  if (p2.sends)
    row(
      section,
      `${STREAMS} sends at once: last 202 after / platform CPU per send`,
      `${fmt(p2.sends.wall * 1000)} ms / ${fmt(((p2.sends.platform * p2.sends.wall) / STREAMS) * 1e3, 2)} ms`,
      "",
      "",
      "",
      `202 p50 ${ms(p2.accept.p50)}, p99 ${ms(p2.accept.p99)}; CPU/send includes relaying meanwhile`,
    );
  row(
    section,
    "text events received / expected",
    `${fmt(p2.received)} / ${fmt(p2.expected)}`,
    p2d ? `direct ${fmt(p2d.received)} / ${fmt(p2d.expected)}` : "",
    "",
    "all",
    check(p2.received === p2.expected && p2.lost === 0 && p2.duplicated === 0),
  );
  row(
    section,
    "lost / duplicated events, failed streams",
    `${p2.lost} / ${p2.duplicated} / ${p2.failed}`,
    p2d ? `direct ${p2d.lost} / ${p2d.duplicated} / ${p2d.failed}` : "",
    "",
    "0 / 0 / 0",
    check(p2.lost === 0 && p2.duplicated === 0 && p2.failed === 0),
  );
  row(
    section,
    "inter-event gap p50 / p99 / max (client)",
    `${ms(p2.gap.p50)} / ${ms(p2.gap.p99)} / ${ms(p2.gap.max)}`,
    p2d ? `direct ${ms(p2d.gap.p50)} / ${ms(p2d.gap.p99)} / ${ms(p2d.gap.max)}` : "",
    p2d ? ratioOf(p2.gap.p99, p2d.gap.p99) : "",
  );
  if (p2d)
    row(
      section,
      "added inter-event gap p99, whole window (ramp-up included)",
      ms(p2.gap.p99 - p2d.gap.p99),
      "direct",
    );
  if (p2.liveGap && p2d?.liveGap) {
    row(
      section,
      "inter-event gap p50 / p99, all streams live",
      `${ms(p2.liveGap.p50)} / ${ms(p2.liveGap.p99)}`,
      `direct ${ms(p2d.liveGap.p50)} / ${ms(p2d.liveGap.p99)}`,
      ratioOf(p2.liveGap.p99, p2d.liveGap.p99),
    );
    if (p2r?.liveGap)
      row(
        section,
        "inter-event gap p50 / p99, all streams live, through the minimal relay",
        `${ms(p2r.liveGap.p50)} / ${ms(p2r.liveGap.p99)}`,
        `direct ${ms(p2d.liveGap.p50)} / ${ms(p2d.liveGap.p99)}`,
        ratioOf(p2r.liveGap.p99, p2d.liveGap.p99),
      );
    row(
      section,
      "added inter-event gap p99, all streams live",
      ms(p2.liveGap.p99 - p2d.liveGap.p99),
      "direct",
      "",
      "≤ 10 ms",
      check(p2.liveGap.p99 - p2d.liveGap.p99 <= 10),
    );
  }
  row(
    section,
    `stalls > ${10 * INTERVAL_MS} ms`,
    fmt(p2.stalls),
    p2d ? `direct ${fmt(p2d.stalls)}` : "",
  );
  row(
    section,
    "client resends on a reused socket the server had closed",
    fmt(p2.retries),
    p2d ? `direct ${fmt(p2d.retries)}` : "",
    "",
    "0",
    check(p2.retries === 0),
  );
  row(
    section,
    "send → first text p50 / p99 under load",
    `${ms(p2.ttft.p50)} / ${ms(p2.ttft.p99)}`,
    p2d ? `direct ${ms(p2d.ttft.p50)} / ${ms(p2d.ttft.p99)}` : "",
  );
  row(
    section,
    "platform RSS start / all live / end",
    `${fmt(p2.rssStart / 1024, 1)} / ${fmt(p2.rssSteady / 1024, 1)} / ${fmt(p2.rss / 1024, 1)} MiB`,
  );
  const w = p2.whole;
  if (w) {
    const other = w.machine - w.platform - w.mock - w.load;
    row(
      section,
      "whole window: mock / load gen / other processes / machine CPU",
      `${pct(w.mock)} / ${pct(w.load)} / ${pct(other)} / ${fmt(w.machine * 100)} of ${cpus().length * 100} %`,
      "",
      "",
      "",
      other > 0.2 ? "other processes were busy: figures disturbed" : "",
    );
  }
}

const p3 = report.phase3;
if (p3?.rss?.attached) {
  const section = `3 idle ×${p3.n}`;
  const perConn = (p3.rss.attached - p3.rss.baseline) / p3.n;
  const perReply = (p3.rss.sent - p3.rss.baseline) / p3.n;
  const perStream = (p3.rss.attached - p3.rss.sent) / p3.n;
  const raw = report.phase3raw;
  const rawPerStream =
    raw?.rss.attached && raw.rss.baseline ? (raw.rss.attached - raw.rss.baseline) / raw.n : NaN;
  // B6's goal is about the browser's idle SSE connection. What the platform keeps for the
  // running reply behind it (the bot's socket and the reply's state) is one per reply, however
  // many tabs watch it, and is shown apart.
  row(
    section,
    "RSS growth per idle SSE connection (a client attached to a silent reply)",
    `${fmt(perStream, 1)} KiB`,
    Number.isFinite(rawPerStream)
      ? `raw node:http SSE, same client, fresh process: ${fmt(rawPerStream, 1)} KiB (anchor 3.8)`
      : "raw node:http SSE 3.8 KiB (anchor)",
    ratioOf(perStream, Number.isFinite(rawPerStream) ? rawPerStream : 3.8),
    "≤ 8 KiB",
    check(perStream <= 8),
  );
  row(
    section,
    "RSS growth per running reply (send, bot socket, reply state)",
    `${fmt(perReply, 1)} KiB`,
    "",
    "",
    "(info)",
  );
  row(section, "RSS growth per chat user, both together", `${fmt(perConn, 1)} KiB`);
  row(
    section,
    "RSS baseline / after sends / attached",
    `${fmt(p3.rss.baseline / 1024, 1)} / ${fmt(p3.rss.sent / 1024, 1)} / ${fmt(p3.rss.attached / 1024, 1)} MiB`,
  );
  row(
    section,
    "streams that got their text / failed",
    `${fmt(p3.firstTexts)} / ${fmt(p3.failed)}`,
    "",
    "",
    `${p3.n} / 0`,
    check(p3.firstTexts === p3.n && p3.failed === 0),
  );
}

const p4 = report.phase4;
if (p4) {
  for (const r of p4) {
    if (r.error) {
      row("4 DB writes", r.label, `failed: ${r.error}`);
      continue;
    }
    const perTurn = r.commits / r.turns;
    // Goal (B7): ≤ 2 writes per chat turn (user message, final reply) plus ≤ 1 checkpoint per
    // 2 s of streaming; the batched bot-call log adds one flush per batch (≤ 0.05/turn here,
    // 1 for the single long turn). A Poe API call persists no messages: only the call log.
    let goal;
    let goalText;
    if (r.label.startsWith("Poe API")) [goal, goalText] = [0.1, "0 (+ call-log batch)"];
    else if (r.turns === 1) {
      goal = 2 + Math.floor(r.seconds / 2) + 1;
      goalText = `≤ ${goal} (2 + 1 per 2 s + log)`;
    } else [goal, goalText] = [2.1, "≤ 2 (+ call-log batch)"];
    const rowsText = Object.entries(r.rows)
      .map(([t, n]) => `${t} +${fmt(n / r.turns, 2)}`)
      .join(", ");
    row(
      "4 DB writes",
      `${r.label}: commits/turn`,
      `${fmt(perTurn, 2)} (${fmt((r.frames * (r.pageSize ?? 4096)) / r.turns / 1024, 1)} KiB WAL/turn)${r.restarted ? " WAL restarted!" : ""}`,
      "",
      "",
      goalText,
      `${check(perTurn <= goal)}${rowsText ? `; rows/turn: ${rowsText}` : ""}; ${fmt(r.seconds, 1)} s`,
    );
  }
}

const header = ["phase", "metric", "measured", "baseline", "ratio", "goal", "verdict / notes"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
console.log();
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
console.log(
  "\nNotes: (a)/(b) time the first `text` event from the start of the POST; (c) from the start of the" +
    " message POST, through its 202, to the first `text` on the GET stream (two HTTP round trips; the" +
    " send writes the user+bot rows and, on a first turn, the title). Phase 4 counts write transactions" +
    " from outside: commit frames appended to parlor.sqlite-wal while a read snapshot is held (so the" +
    " WAL cannot restart), including the batched bot-call log (flushed 2 s after its first record)." +
    ` Whole run: ${elapsed()}.`,
);
process.exit(0);
