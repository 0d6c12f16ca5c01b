// The load generator of the model-proxy benchmark, run by run.mjs in its own process:
//
//   node load.mjs <phase> '<json options>'
//
// Phases (each prints one JSON line {result} on stdout, and {mark} lines run.mjs samples CPU at):
//   ttft        c=1 time to the first content chunk, rotating over the targets
//   throughput  c=<concurrency> for <seconds> per target, streamed or not
//   paced       <streams> concurrent paced streams at once through one target
// A target is { name, url, headers, model }: the same OpenAI request goes to each, only the
// address, the headers and the model name differ.
import http from "node:http";
import { createInterface } from "node:readline";

const [phase, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson ?? "{}");
const now = () => performance.now();
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const acks = [];
createInterface({ input: process.stdin }).on("line", () => acks.shift()?.());
/** Tells run.mjs a window starts or ends, and waits until it has sampled the processes. */
function mark(name) {
  send({ mark: name });
  return new Promise((resolve) => acks.push(resolve));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4096, maxFreeSockets: 4096 });
const pieces = options.chunks ?? 20;
const expected = Array.from({ length: pieces }, (_, i) => `w${i} `).join("");

function bodyFor(target, stream) {
  return JSON.stringify({
    model: target.model,
    messages: [
      { role: "system", content: "You are a benchmark." },
      { role: "user", content: "Say the pieces." },
    ],
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  });
}

/**
 * One chat completion. Resolves with { firstMs, gaps (ms between content chunks), ok } once the
 * answer is complete; `ok` is false unless every piece arrived, in order, once.
 */
function complete(target, stream) {
  const body = bodyFor(target, stream);
  const started = now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      target.url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...target.headers,
        },
      },
      (response) => {
        response.setEncoding("utf8");
        let buffer = "";
        let text = "";
        let firstMs = null;
        let last = 0;
        const gaps = [];
        response.on("data", (chunk) => {
          if (!stream) return void (buffer += chunk);
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf("\n\n")) !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.startsWith("data: ") ? frame.slice(6) : null;
            if (data === null || data === "[DONE]") continue;
            const content = JSON.parse(data).choices?.[0]?.delta?.content;
            if (!content) continue;
            const at = now();
            if (firstMs === null) firstMs = at - started;
            else gaps.push(at - last);
            last = at;
            text += content;
          }
        });
        response.on("end", () => {
          if (!stream) {
            try {
              text = JSON.parse(buffer).choices?.[0]?.message?.content ?? "";
            } catch {
              text = "";
            }
            firstMs = now() - started;
          }
          resolve({
            firstMs,
            gaps,
            ok: response.statusCode === 200 && text === expected,
            status: response.statusCode,
            sample: text === expected ? "" : (buffer || text).slice(0, 200),
          });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const sorted = (values) => Float64Array.from(values).sort();
const percentile = (values, p) =>
  values.length
    ? values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]
    : NaN;
const summary = (values) => {
  const s = sorted(values);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
  };
};

async function ttft() {
  const { targets, iterations, warmup } = options;
  const times = Object.fromEntries(targets.map((t) => [t.name, []]));
  let failures = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    // Rotating order, so no target always runs right after the same other one.
    for (let j = 0; j < targets.length; j++) {
      const target = targets[(i + j) % targets.length];
      const result = await complete(target, true);
      if (!result.ok) failures++;
      if (i >= warmup) times[target.name].push(result.firstMs);
    }
  }
  const figures = Object.fromEntries(
    Object.entries(times).map(([name, values]) => [name, summary(values)]),
  );
  send({ result: { figures, failures } });
}

async function throughput() {
  const { targets, concurrency, seconds, stream } = options;
  const figures = {};
  for (const target of targets) {
    // Warm-up: connections opened, code paths compiled.
    await Promise.all(Array.from({ length: concurrency }, () => complete(target, stream)));
    let done = 0;
    let failures = 0;
    let sample = "";
    const until = now() + seconds * 1000;
    await mark(`${target.name}:start`);
    const started = now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (now() < until) {
          const result = await complete(target, stream);
          if (result.ok) done++;
          else {
            failures++;
            sample ||= `${result.status} ${result.sample}`;
          }
        }
      }),
    );
    const elapsed = (now() - started) / 1000;
    await mark(`${target.name}:end`);
    figures[target.name] = { requests: done, failures, perSecond: done / elapsed, sample };
  }
  send({ result: { figures } });
}

async function paced() {
  const { target, streams } = options;
  const results = await Promise.all(
    Array.from({ length: streams }, () =>
      complete(target, true).catch((error) => ({
        ok: false,
        gaps: [],
        firstMs: null,
        sample: String(error),
      })),
    ),
  );
  const gaps = results.flatMap((r) => r.gaps);
  const firsts = results.map((r) => r.firstMs).filter((v) => v !== null);
  send({
    result: {
      completed: results.filter((r) => r.ok).length,
      failed: results.filter((r) => !r.ok).length,
      firstChunk: summary(firsts),
      gap: summary(gaps),
      sample: results.find((r) => !r.ok)?.sample ?? "",
    },
  });
}

await { ttft, throughput, paced }[phase]();
agent.destroy();
process.exit(0);
