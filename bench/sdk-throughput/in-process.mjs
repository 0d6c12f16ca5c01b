// In-process microbenchmark: the per-request cost of the SDK's node:http listener vs the bare
// bot's, with the same raw-socket client in the same process, so the client's share is equal
// and the difference is what the SDK adds. Steadier than run.mjs on a shared 2-core VM.
//
//   node bench/sdk-throughput/in-process.mjs          (after npm run build; about 30 s)
//
// Prints, per server: CPU µs per request (client included; default GC settings; median and best
// of rounds, the best being the steadier figure on a busy machine), TCP reads per
// reply on the client (1.00: every reply went out in one write), and bytes allocated on the JS
// heap per request, measured in a child process with a young generation large enough that no
// GC runs in the window ("gc!" if one did). Env: IN_PROCESS_N (requests per measurement,
// 20,000), IN_PROCESS_ROUNDS (5), IN_PROCESS_CONNECTIONS (8), IN_PROCESS_ONLY (bare or sdk).
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { connect } from "node:net";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { defineBot, meta } from "@parlor/sdk";
import { createNodeListener } from "@parlor/sdk/node";
import { createBareListener } from "./bare-listener.mjs";
import { QUERY_BODY, TEXT_PIECES } from "./common.mjs";

const n = Number(process.env.IN_PROCESS_N ?? 20_000);
const rounds = Number(process.env.IN_PROCESS_ROUNDS ?? 5);
const allocN = 1_000;
// The child that measures allocation runs with these flags and prints JSON.
const allocMode = process.env.IN_PROCESS_MODE === "alloc";
const allocFlags = ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64"];
const connections = Number(process.env.IN_PROCESS_CONNECTIONS ?? 8);
const accessKey = "k".repeat(32);

const sdkBot = defineBot({
  accessKey,
  async *onQuery() {
    yield meta();
    for (const piece of TEXT_PIECES) yield piece;
  },
});
const allServers = {
  bare: createBareListener({ accessKey }),
  sdk: createNodeListener(sdkBot),
};
// IN_PROCESS_ONLY=sdk (or bare) runs one server alone, e.g. under --cpu-prof.
const only = process.env.IN_PROCESS_ONLY;
const servers = only ? { [only]: allServers[only] } : allServers;

const request = Buffer.from(
  "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
    `Authorization: Bearer ${accessKey}\r\nContent-Length: ${Buffer.byteLength(QUERY_BODY)}\r\n` +
    `\r\n${QUERY_BODY}`,
);
const lastChunk = Buffer.from("\r\n0\r\n\r\n");

let gcRuns = 0;
new PerformanceObserver((list) => (gcRuns += list.getEntries().length)).observe({
  entryTypes: ["gc"],
});

/** Sends `count` requests over `connections` keep-alive sockets, one at a time on each. */
function drive(port, count) {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = 0;
    let reads = 0;
    let sample = "";
    for (let i = 0; i < connections; i++) {
      const socket = connect(port, "127.0.0.1");
      socket.setNoDelay(true);
      const next = () => {
        if (sent < count) {
          sent++;
          socket.write(request);
        } else socket.end();
      };
      socket.on("connect", next);
      socket.on("data", (chunk) => {
        reads++;
        if (sample === "") sample = chunk.toString();
        if (chunk.length < lastChunk.length) return reject(new Error("split reply"));
        if (chunk.compare(lastChunk, 0, 7, chunk.length - 7) !== 0) return;
        if (++done === count) resolve({ reads, sample });
        next();
      });
      socket.on("error", reject);
    }
  });
}

async function measure(port) {
  if (allocMode) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10)); // the observer reports that gc late
    const gcBefore = gcRuns;
    const heapBefore = process.memoryUsage().heapUsed;
    await drive(port, allocN);
    const heap = process.memoryUsage().heapUsed - heapBefore;
    return { bytes: gcRuns === gcBefore ? heap / allocN : NaN };
  }
  const cpuBefore = process.cpuUsage();
  const { reads, sample } = await drive(port, n);
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuUs: (cpu.user + cpu.system) / n, readsPerReply: reads / n, sample };
}

const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
const results = Object.fromEntries(Object.keys(servers).map((name) => [name, []]));
const listening = {};
for (const [name, listener] of Object.entries(servers)) {
  const server = createServer({ keepAliveTimeout: 65_000 }, listener);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  listening[name] = server;
  await drive(server.address().port, 5_000); // warm-up
}
for (let round = 0; round < rounds; round++) {
  const names = Object.keys(servers);
  for (const name of round % 2 ? names.reverse() : names) {
    results[name].push(await measure(listening[name].address().port));
  }
}
for (const server of Object.values(listening)) server.close();
if (allocMode) {
  const bytes = (list) => median(list.map((r) => r.bytes).filter(Number.isFinite));
  const perServer = Object.entries(results).map(([name, list]) => [name, bytes(list)]);
  console.log(JSON.stringify(Object.fromEntries(perServer)));
  process.exit(0);
}
// IN_PROCESS_ALLOC=0 skips it (e.g. under --cpu-prof).
const allocation =
  process.env.IN_PROCESS_ALLOC === "0"
    ? {}
    : JSON.parse(
        execFileSync(process.execPath, [...allocFlags, fileURLToPath(import.meta.url)], {
          env: { ...process.env, IN_PROCESS_MODE: "alloc", IN_PROCESS_ROUNDS: "3" },
        }).toString(),
      );
// Whole replies, status line and headers included, with the date masked.
const replies = Object.values(results).map((list) => list[0].sample.replace(/Date: .*\r\n/, ""));
if (replies.length === 2) console.log(`same reply bytes: ${replies[0] === replies[1]}`);
for (const [name, list] of Object.entries(results)) {
  const bytes = allocation[name];
  console.log(
    `${name.padEnd(4)} ${median(list.map((r) => r.cpuUs)).toFixed(1)} µs CPU/request ` +
      `(best ${Math.min(...list.map((r) => r.cpuUs)).toFixed(1)}), ` +
      `${median(list.map((r) => r.readsPerReply)).toFixed(2)} reads/reply, ` +
      `${Number.isFinite(bytes) ? Math.round(bytes) : "gc!"} B heap/request`,
  );
}
process.exit(0);
