// Load generator for the Poe-style bots, in its own process, on node:http with a keep-alive
// Agent (maxSockets = concurrency).
//
//   node load.mjs <url> <phase> [options]      (the access key comes from POE_ACCESS_KEY)
//
// Phases:
//   latency     c=1: N sequential requests after a warm-up; time from request start to the
//               first response bytes that contain `event:`; reports p50/p99 in µs.
//   throughput  c=C short streams: W s warm-up, then D s measured. A stream counts only when
//               its status is 200 and its body ends with `event: done`; anything else (wrong
//               status, truncated body, socket error, timeout) is an error.
//
// Options: --n 2000 --warmup-n 300 --max-seconds 4 (latency phase time cap) --concurrency 32
//          --warmup 1 --duration 5 --timeout-ms 5000
//
// Output: JSON lines on stdout. In the throughput phase `{"mark":"measure-start"}` and
// `{"mark":"measure-end"}` bracket the measured window (run.mjs samples server CPU at those
// marks); the last line is `{"result":{...}}`.
import http from "node:http";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { DONE_FRAME, QUERY_BODY } from "./common.mjs";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    n: { type: "string", default: "2000" },
    "warmup-n": { type: "string", default: "300" },
    concurrency: { type: "string", default: "32" },
    warmup: { type: "string", default: "1" },
    duration: { type: "string", default: "5" },
    "timeout-ms": { type: "string", default: "5000" },
    "max-seconds": { type: "string", default: "4" },
  },
});
const [urlText, phase] = positionals;
if (!urlText || !["latency", "throughput"].includes(phase)) {
  console.error("usage: node load.mjs <url> latency|throughput [options]");
  process.exit(2);
}
const accessKey = process.env.POE_ACCESS_KEY;
if (!accessKey) throw new Error("Set POE_ACCESS_KEY");

const url = new URL(urlText);
// A string body lets node:http send headers and body in one write.
const body = QUERY_BODY;
const headers = {
  "content-type": "application/json",
  "content-length": String(Buffer.byteLength(body)),
  authorization: `Bearer ${accessKey}`,
};
const doneBytes = Buffer.from(DONE_FRAME);
const eventBytes = Buffer.from("event:");
const timeoutMs = Number(values["timeout-ms"]);

function emit(object) {
  process.stdout.write(JSON.stringify(object) + "\n");
}

function countEvents(buffer) {
  let count = 0;
  for (let at = buffer.indexOf(eventBytes); at !== -1; at = buffer.indexOf(eventBytes, at + 6)) {
    count++;
  }
  return count;
}

/**
 * One query request. Resolves (never rejects) with
 * { ok, error?, start, first (ms, -1 if no event bytes), end, events, body? }.
 */
function streamRequest(agent, keepBody = false) {
  return new Promise((resolve) => {
    const start = performance.now();
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers,
      },
      (res) => {
        let first = -1;
        const chunks = [];
        res.on("data", (chunk) => {
          if (first < 0 && chunk.includes(eventBytes)) first = performance.now();
          chunks.push(chunk);
        });
        res.on("end", () => {
          const end = performance.now();
          const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
          const complete =
            all.length >= doneBytes.length &&
            all.subarray(all.length - doneBytes.length).equals(doneBytes);
          const ok = res.statusCode === 200 && complete;
          finish({
            ok,
            error: ok
              ? undefined
              : res.statusCode !== 200
                ? `status ${res.statusCode}`
                : "incomplete",
            start,
            first,
            end,
            events: countEvents(all),
            body: keepBody ? all.toString() : undefined,
          });
        });
        res.on("aborted", () =>
          finish({ ok: false, error: "aborted", start, first, end: performance.now(), events: 0 }),
        );
        res.on("error", (e) =>
          finish({
            ok: false,
            error: e.code ?? e.message,
            start,
            first,
            end: performance.now(),
            events: 0,
          }),
        );
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")));
    req.on("error", (e) =>
      finish({
        ok: false,
        error: e.code ?? e.message,
        start,
        first: -1,
        end: performance.now(),
        events: 0,
      }),
    );
    req.end(body);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

async function latencyPhase() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const n = Number(values.n);
  const warmupN = Number(values["warmup-n"]);
  const sample = await streamRequest(agent, true);
  for (let i = 0; i < warmupN; i++) await streamRequest(agent);
  const firsts = new Float64Array(n);
  let errors = 0;
  let measured = 0;
  let sent = 0;
  // On a busy machine stop early rather than overrun the time budget.
  const deadline = performance.now() + Number(values["max-seconds"]) * 1000;
  for (let i = 0; i < n && performance.now() < deadline; i++) {
    sent++;
    const r = await streamRequest(agent);
    if (!r.ok || r.first < 0) {
      errors++;
      continue;
    }
    firsts[measured++] = (r.first - r.start) * 1000;
  }
  agent.destroy();
  const sorted = firsts.subarray(0, measured).sort();
  emit({
    result: {
      phase: "latency",
      n: sent,
      errors,
      firstEventP50Us: percentile(sorted, 50),
      firstEventP99Us: percentile(sorted, 99),
      sampleOk: sample.ok,
      sampleEvents: sample.events,
      sampleBody: sample.body,
    },
  });
}

async function throughputPhase() {
  const concurrency = Number(values.concurrency);
  const warmupMs = Number(values.warmup) * 1000;
  const durationMs = Number(values.duration) * 1000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

  let measuring = false;
  let stopped = false;
  let streams = 0;
  let events = 0;
  let errors = 0;
  let warmupErrors = 0;
  const errorKinds = {};
  let latencies = new Float64Array(1 << 16);

  async function worker() {
    while (!stopped) {
      const r = await streamRequest(agent);
      // Throughput counts streams that finish inside the measured window.
      const inWindow = measuring;
      if (!r.ok) {
        if (measuring) {
          errors++;
          errorKinds[r.error] = (errorKinds[r.error] ?? 0) + 1;
        } else if (!stopped) warmupErrors++;
        continue;
      }
      if (!inWindow) continue;
      if (streams === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[streams++] = r.end - r.start;
      events += r.events;
    }
  }

  const workers = Array.from({ length: concurrency }, worker);
  await new Promise((resolve) => setTimeout(resolve, warmupMs));
  const windowStart = performance.now();
  measuring = true;
  emit({ mark: "measure-start" });
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  measuring = false;
  const windowEnd = performance.now();
  emit({ mark: "measure-end" });
  stopped = true;
  await Promise.all(workers);
  agent.destroy();

  const seconds = (windowEnd - windowStart) / 1000;
  const sorted = latencies.subarray(0, streams).sort();
  emit({
    result: {
      phase: "throughput",
      concurrency,
      seconds,
      streams,
      events,
      errors,
      warmupErrors,
      errorKinds,
      streamsPerSec: streams / seconds,
      eventsPerSec: events / seconds,
      streamP50Ms: percentile(sorted, 50),
      streamP99Ms: percentile(sorted, 99),
    },
  });
}

await (phase === "latency" ? latencyPhase() : throughputPhase());
