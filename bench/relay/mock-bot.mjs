// The mock server bot: bare node:http, no SDK, run in its own process.
//
// Every POST is a Poe request. `settings` gets `{}`; report requests get `{}`; a `query` is
// answered as the URL path says (the platform keeps the path of a bot's server_url, so one
// mock process serves several "bots"):
//
//   /instant/<n>        meta + n text events + done, written at once (one res.write).
//   /paced/<n>/<ms>     meta + the first text at once, then one text event every <ms> ms
//                       (one res.write each, per-stream setInterval), done after the last.
//   /idle               meta + one text event, then silence until POST /__release.
//   GET /idle-sse       the same for a plain GET: phase 3's raw node:http SSE baseline.
//
// Text piece i is `w<i> ` (common.mjs), CRLF framing as Poe sends it.
// Control: POST /__release ends every open /idle reply with `done`; GET /__stats → counts
// (queries, settings requests, open replies, TCP connections accepted).
//
// Env: PORT (0 = any free port), HOST (127.0.0.1). Prints `mock-bot listening on <url>`.
import { createServer } from "node:http";
import { META_FRAME, DONE_FRAME, instantReply, textFrame as frame } from "./common.mjs";

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? "127.0.0.1";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
};

const idle = new Set();
const stats = { queries: 0, open: 0, settings: 0, connections: 0 };

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": text.length });
  res.end(text);
}

function instant(res, n) {
  res.writeHead(200, SSE_HEADERS);
  res.end(instantReply(n));
}

function paced(res, n, ms) {
  res.writeHead(200, SSE_HEADERS);
  res.write(META_FRAME + frame(0));
  let i = 1;
  stats.open++;
  const finish = () => {
    clearInterval(timer);
    stats.open--;
  };
  const timer = setInterval(() => {
    if (i < n) {
      res.write(frame(i++));
      if (i < n) return;
    }
    finish();
    res.end(DONE_FRAME);
  }, ms);
  if (n <= 1) {
    finish();
    res.end(DONE_FRAME);
  }
  res.on("close", () => {
    if (!res.writableEnded) finish();
  });
}

function idleReply(res) {
  res.writeHead(200, SSE_HEADERS);
  res.write(META_FRAME + frame(0));
  idle.add(res);
  stats.open++;
  res.on("close", () => {
    if (idle.delete(res)) stats.open--;
  });
}

function release() {
  let released = 0;
  for (const res of idle) {
    res.end(DONE_FRAME);
    released++;
  }
  stats.open -= idle.size;
  idle.clear();
  return released;
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  if (req.method === "GET") {
    // Phase 3's same-run baseline: a raw node:http SSE stream (one text event, then silence).
    if (req.url === "/idle-sse") return idleReply(res);
    if (req.url === "/__stats") return sendJson(res, 200, { ...stats, idle: idle.size });
    res.writeHead(200, { "content-type": "text/plain" });
    return res.end("mock bot");
  }
  if (req.method !== "POST") return sendJson(res, 405, { detail: "Method Not Allowed" });
  if (req.url === "/__release") {
    req.resume();
    return sendJson(res, 200, { released: release() });
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      return sendJson(res, 400, { detail: "Request body is not valid JSON" });
    }
    if (body?.type === "settings") {
      stats.settings++;
      return sendJson(res, 200, {});
    }
    if (body?.type !== "query") return sendJson(res, 200, {});
    stats.queries++;
    const [, mode, a, b] = (req.url ?? "/").split("?")[0].split("/");
    if (mode === "instant") return instant(res, Number(a ?? 20));
    if (mode === "paced") return paced(res, Number(a ?? 100), Number(b ?? 20));
    if (mode === "idle") return idleReply(res);
    return sendJson(res, 404, { detail: `unknown mock mode ${mode}` });
  });
});

// A deep accept queue: 1,000 clients connecting at once must not overflow Node's default (511).
// Counts TCP connections, to see whether callers reuse keep-alive connections.
server.on("connection", () => stats.connections++);
server.listen({ port, host, backlog: 4096 }, () => {
  console.log(`mock-bot listening on http://${host}:${server.address().port}`);
});
process.on("SIGTERM", () => {
  release();
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
});
