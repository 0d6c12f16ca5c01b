// The baseline: the benchmark bot written on bare node:http, no framework and no SDK.
//
// What it does per request, like a competent hand-written Poe server bot:
//   * POST only (GET/HEAD get a tiny health page, anything else 405);
//   * checks `Authorization: Bearer <key>` with a constant-time compare (401 otherwise);
//   * reads the whole JSON body, JSON.parse, minimal shape check (type === "query",
//     `query` is an array) instead of full schema validation;
//   * answers `text/event-stream` (the same headers the SDK sends) with
//     meta + 10 `text` events + done, CRLF framing, JSON.stringify per text event.
//
// Write strategy (BARE_WRITES):
//   * "coalesced" (default, the baseline): frames produced in the same event-loop turn are
//     joined into one string and written with one `res.write`, then `res.end()`. Here all 12
//     events are ready at once, so that is one chunk of chunked encoding and one writev per
//     reply: exactly the write pattern and the bytes on the wire of the SDK, which also
//     coalesces the frames of one turn. The ratio then measures what the SDK adds, not a
//     difference in I/O strategy.
//   * "event": one `res.write` per event and `res.end(done)`. node:http corks the socket until
//     the next tick, so this is still one writev, but of 12 chunks (36 buffers); it costs
//     ~40 µs more CPU per reply on these VMs. Reference only (BENCH_BARE_PER_EVENT=1 in run.mjs).
//
// Env: PORT (default 8080, 0 = any free port), POE_ACCESS_KEY (required), HOST (127.0.0.1),
// BARE_WRITES. Prints `listening on <url>` once ready.
import { createServer } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { DONE_FRAME, TEXT_PIECES, serverConfig } from "./common.mjs";

const { port, host, accessKey } = serverConfig();
const perEvent = process.env.BARE_WRITES === "event";

const expectedAuth = Buffer.from(`Bearer ${accessKey}`);
function authorized(header) {
  if (typeof header !== "string" || header.length !== expectedAuth.length) return false;
  const got = Buffer.from(header);
  return got.length === expectedAuth.length && timingSafeEqual(got, expectedAuth);
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
  "x-accel-buffering": "no",
};
// Constant frames are built once, as anyone would (the SDK does the same for `done`).
const META_FRAME =
  "event: meta\r\ndata: " +
  JSON.stringify({
    content_type: "text/markdown",
    refetch_settings: false,
    linkify: true,
    suggested_replies: true,
  }) +
  "\r\n\r\n";

function textFrame(text) {
  return `event: text\r\ndata: ${JSON.stringify({ text })}\r\n\r\n`;
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function reply(res) {
  res.writeHead(200, SSE_HEADERS);
  if (perEvent) {
    res.write(META_FRAME);
    for (const piece of TEXT_PIECES) res.write(textFrame(piece));
    res.end(DONE_FRAME);
    return;
  }
  let frames = META_FRAME;
  for (const piece of TEXT_PIECES) frames += textFrame(piece);
  res.write(frames + DONE_FRAME);
  res.end();
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  if (req.method === "GET" || req.method === "HEAD") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<h1>Bot server is running</h1>");
    return;
  }
  if (req.method !== "POST") return sendJson(res, 405, { detail: "Method Not Allowed" });
  if (!authorized(req.headers.authorization)) {
    req.resume();
    return sendJson(res, 401, { detail: "Invalid access key" });
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    let body;
    try {
      body = JSON.parse((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString());
    } catch {
      return sendJson(res, 400, { detail: "Request body is not valid JSON" });
    }
    if (body === null || typeof body !== "object") {
      return sendJson(res, 400, { detail: "Invalid request" });
    }
    if (body.type === "settings") return sendJson(res, 200, { response_version: 2 });
    if (body.type !== "query") return sendJson(res, 501, { detail: "Unsupported request type" });
    if (!Array.isArray(body.query))
      return sendJson(res, 400, { detail: "query: expected an array" });
    reply(res);
  });
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(
    `bare-bot (${perEvent ? "per-event" : "coalesced"} writes) listening on http://${host}:${actual}`,
  );
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
