// The bare bot's request listener (see bare-bot.mjs for what it does and why), in its own
// module so in-process.mjs can run it beside the SDK's listener.
import { timingSafeEqual } from "node:crypto";
import { DONE_FRAME, TEXT_PIECES } from "./common.mjs";

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

/**
 * The bare bot as a `node:http` request listener. `perEvent`: one `res.write` per event
 * instead of one coalesced write.
 */
export function createBareListener({ accessKey, perEvent = false }) {
  const expectedAuth = Buffer.from(`Bearer ${accessKey}`);
  function authorized(header) {
    if (typeof header !== "string" || header.length !== expectedAuth.length) return false;
    const got = Buffer.from(header);
    return got.length === expectedAuth.length && timingSafeEqual(got, expectedAuth);
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

  return (req, res) => {
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
  };
}
