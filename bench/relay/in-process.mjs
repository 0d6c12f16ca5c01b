// The platform's own cost per bot call, without the noise of three processes on two vCPUs: a
// mock bot, the platform and the client run in this one process, on one thread, so time per
// call is CPU per call. c=1, keep-alive, the same Poe query as phase 1 of run.mjs.
//
//   npm run build && node bench/relay/in-process.mjs      # BENCH_N=5000 BENCH_ROUNDS=5
//
// Each round times BENCH_N calls straight to the mock (the baseline: one HTTP round trip) and
// BENCH_N through the platform's `POST /bot/<handle>` (two round trips and the platform's work),
// then the same number of one-request chat turns (`Accept: text/event-stream`, a fresh
// conversation each). Prints the median round and the platform's ratio to the baseline. For a
// profile: node --cpu-prof --cpu-prof-dir=/tmp/prof bench/relay/in-process.mjs
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCESS_KEY, QUERY_BODY, expectStatus, instantReply, requestJson } from "./common.mjs";

const { loadConfig, startServer } = await import("../../packages/server/dist/index.js");
const N = Number(process.env.BENCH_N ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PASSWORD = "in-process-bench-password";

// The mock answers a query with meta + 20 text events + done in one write, like /instant/20.
const reply = instantReply(20);
const mock = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    if (JSON.parse(Buffer.concat(chunks).toString()).type !== "query") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end("{}");
    }
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
    res.end(reply);
  });
});
await new Promise((resolve) => mock.listen(0, "127.0.0.1", resolve));
const mockUrl = `http://127.0.0.1:${mock.address().port}`;

const dataDir = mkdtempSync(join(tmpdir(), "parlor-bench-in-process-"));
const running = await startServer(
  loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    PARLOR_DATA_DIR: dataDir,
    PARLOR_SECRET: "in-process-bench-secret-in-process-bench",
    PARLOR_ENV: "development",
    // The mock bot runs on this machine; the platform refuses loopback bots by default.
    PARLOR_ALLOW_LOOPBACK_BOTS: "true",
    LOG_LEVEL: "silent",
    PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "1000000000",
    PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "1000000000",
  }),
);
const platform = running.url;
const account = { email: "bench@in-process.test", password: PASSWORD };
expectStatus(
  await requestJson(platform, "POST", "/api/auth/signup", { body: account }),
  201,
  "signup",
);
const login = await requestJson(platform, "POST", "/api/auth/login", { body: account });
const cookie = /parlor_session=[^;]+/.exec([login.headers["set-cookie"]].flat().join(";"))?.[0];
if (!cookie) throw new Error("login set no session cookie");
const { key } = expectStatus(
  await requestJson(platform, "POST", "/api/keys", {
    body: { name: "bench" },
    headers: { cookie },
  }),
  201,
  "create API key",
);
expectStatus(
  await requestJson(platform, "POST", "/api/bots", {
    body: { handle: "mock", server_url: `${mockUrl}/instant`, access_key: ACCESS_KEY },
    headers: { cookie },
  }),
  201,
  "register the mock",
);

const agent = new http.Agent({ keepAlive: true });

/** POSTs `body` and reads the SSE reply to its end; fails unless it ends with `done`. */
function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          ...headers,
          accept: "text/event-stream",
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () =>
          text.includes("event: done")
            ? resolve()
            : reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`)),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Mean µs per call of `n` sequential calls. */
async function timed(n, call) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call(i);
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

const chatBody = JSON.stringify({ content: "tell me something" });
const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const conversations = [];
  for (let i = 0; i < N; i++) {
    const created = await requestJson(platform, "POST", "/api/conversations", {
      body: { bot: "mock" },
      headers: { cookie },
    });
    conversations.push(expectStatus(created, 201, "create conversation").conversation.id);
  }
  const direct = await timed(N, () =>
    post(`${mockUrl}/instant`, { authorization: `Bearer ${ACCESS_KEY}` }, QUERY_BODY),
  );
  const poe = await timed(N, () =>
    post(`${platform}/bot/mock`, { authorization: `Bearer ${key}` }, QUERY_BODY),
  );
  const chat = await timed(N, (i) =>
    post(`${platform}/api/conversations/${conversations[i]}/messages`, { cookie }, chatBody),
  );
  rounds.push({ direct, poe, chat });
  console.log(
    `round ${round + 1}: direct ${direct.toFixed(0)} µs, Poe API ${poe.toFixed(0)} µs, ` +
      `chat ${chat.toFixed(0)} µs per call`,
  );
}

const median = (pick) => rounds.map(pick).sort((a, b) => a - b)[rounds.length >> 1];
const direct = median((r) => r.direct);
const poe = median((r) => r.poe);
const chat = median((r) => r.chat);
console.log(
  `\nmedian of ${ROUNDS} rounds × ${N} calls, one process (Node ${process.version}):\n` +
    `  direct to the mock (baseline)        ${direct.toFixed(0)} µs per call\n` +
    `  Poe API POST /bot/<handle>            ${poe.toFixed(0)} µs per call, ${(poe / direct).toFixed(2)}× the baseline, the platform adds ${(poe - direct).toFixed(0)} µs\n` +
    `  chat send, one request (stream back)  ${chat.toFixed(0)} µs per turn, ${(chat / direct).toFixed(2)}× the baseline, the platform adds ${(chat - direct).toFixed(0)} µs`,
);
await running.close();
mock.close();
agent.destroy();
rmSync(dataDir, { recursive: true, force: true });
