// Shared by the mock bot, the load generator and the orchestrator.
import http from "node:http";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

/** The text of piece `i` of a reply; every piece is unique, so a lost or repeated one shows. */
export const piece = (i) => `w${i} `;

// The mock's SSE frames, CRLF-framed as Poe sends them. Text frames are the same for every
// reply, so they are built once: the mock should cost as little as possible.
export const META_FRAME =
  "event: meta\r\ndata: " +
  JSON.stringify({ content_type: "text/markdown", suggested_replies: false }) +
  "\r\n\r\n";
export const DONE_FRAME = "event: done\r\ndata: {}\r\n\r\n";
const textFrames = [];
/** The `text` frame of piece `i`. */
export const textFrame = (i) =>
  (textFrames[i] ??= `event: text\r\ndata: ${JSON.stringify({ text: piece(i) })}\r\n\r\n`);

/** A whole reply of `n` pieces, as the mock's `/instant/<n>` writes it: meta, text…, done. */
export function instantReply(n) {
  let body = META_FRAME;
  for (let i = 0; i < n; i++) body += textFrame(i);
  return body + DONE_FRAME;
}

/** The full text of a reply of `n` pieces. */
export function expectedText(n) {
  let text = "";
  for (let i = 0; i < n; i++) text += piece(i);
  return text;
}

/**
 * The body of the c=1 Poe query (a): the same bytes go to the mock directly and to the
 * platform's `POST /bot/<handle>`. A short three-message conversation, fastapi_poe's shape.
 */
export const QUERY_BODY = JSON.stringify({
  version: "1.2",
  type: "query",
  query: [
    { role: "user", content: "hello", content_type: "text/markdown", timestamp: 1764210000000000 },
    {
      role: "bot",
      content: "Hi! How can I help?",
      content_type: "text/markdown",
      timestamp: 1764210000100000,
    },
    {
      role: "user",
      content: "tell me something",
      content_type: "text/markdown",
      timestamp: 1764210005000000,
    },
  ],
  user_id: "",
  conversation_id: "",
  message_id: "",
  metadata: "",
  temperature: 0.7,
  language_code: "en",
});

/** A 32-character access key for the mock bot (the mock does not check it). */
export const ACCESS_KEY = "relaybenchrelaybenchrelaybench32";

/** Percentile of a sorted array (nearest rank). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const sortNumbers = (values) => Float64Array.from(values).sort();

let clockTicks;
function ticks() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU seconds (utime + stime) a process has used so far, from /proc/<pid>/stat; with `thread`,
 * one of its threads only (its main thread when `thread` is `pid`: no JIT compiler or GC helpers).
 */
export function cpuSeconds(pid, thread) {
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const stat = readFileSync(path, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / ticks();
  } catch {
    return NaN;
  }
}

/** Busy CPU seconds of the whole machine (all CPUs), from /proc/stat. */
export function machineBusySeconds() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user + nice + system + irq + softirq + steal) / ticks();
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in KiB, from /proc/<pid>/status. */
export function rssKiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/**
 * A small JSON request over node:http; resolves with { status, headers, body (parsed when JSON) }.
 * Used for setup and the sequential database-write phase, never inside a timed section.
 */
export function requestJson(base, method, path, { body, headers = {}, agent } = {}) {
  const url = new URL(path, base);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(text === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(text) }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString();
          let parsed = raw;
          if (String(res.headers["content-type"] ?? "").includes("json")) {
            try {
              parsed = JSON.parse(raw);
            } catch {
              // keep the raw text
            }
          }
          resolve({ status: res.statusCode, headers: res.headers, body: parsed });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** Throws unless the response has the expected status. */
export function expectStatus(response, status, what) {
  if (response.status !== status) {
    const detail =
      typeof response.body === "string" ? response.body : JSON.stringify(response.body);
    throw new Error(`${what}: HTTP ${response.status} ${detail.slice(0, 300)}`);
  }
  return response.body;
}
