// The load generator, run by run.mjs in its own process:
//
//   node load.mjs <phase> '<json options>'
//
// Phases: ttfe (c=1 first-event latency: direct / Poe API / chat), streams (N concurrent paced
// streams, direct to the mock or through the chat path), idle (N idle chat streams).
// It talks to run.mjs over stdio: one JSON object per line on stdout ({mark} or {result} or
// {log}); after a mark that needs an acknowledgement it waits for one line on stdin, so run.mjs
// can sample the platform's CPU and memory at exactly that point.
import http from "node:http";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { ACCESS_KEY, QUERY_BODY, expectedText, percentile, sortNumbers } from "./common.mjs";

const [phase, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson ?? "{}");
const now = () => performance.now();

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const log = (text) => send({ log: text });

const acks = [];
/** When each mark was announced (this process's clock), for counting events per window. */
const markTimes = {};
createInterface({ input: process.stdin }).on("line", () => acks.shift()?.());
/** Announces a point in the run; with `wait`, resumes when run.mjs has sampled. */
function mark(name, wait = true) {
  markTimes[name] = now();
  send({ mark: name, wait });
  return wait ? new Promise((resolve) => acks.push(resolve)) : Promise.resolve();
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 5000, maxFreeSockets: 5000 });

/**
 * One SSE request. Calls `onEvent(name, data, id)` per event as it arrives and resolves with
 * { status, events, body? } at the end of the response (body only when not SSE).
 */
function sseOnce(url, { method = "GET", headers = {}, body, onEvent = () => {}, onResponse }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          accept: "text/event-stream",
          ...(body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }),
          ...headers,
        },
      },
      (res) => {
        responded = true;
        onResponse?.(res);
        res.setEncoding("utf8");
        const isSse = String(res.headers["content-type"] ?? "").startsWith("text/event-stream");
        let buffer = "";
        let events = 0;
        res.on("data", (chunk) => {
          buffer += chunk;
          if (!isSse) return;
          for (;;) {
            const crlf = buffer.indexOf("\r\n\r\n");
            const lf = buffer.indexOf("\n\n");
            let end;
            let sep;
            if (crlf !== -1 && (lf === -1 || crlf < lf)) [end, sep] = [crlf, 4];
            else if (lf !== -1) [end, sep] = [lf, 2];
            else break;
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + sep);
            let name = "message";
            let data = "";
            let id;
            for (const line of block.split(/\r?\n/)) {
              if (line.startsWith("event: ")) name = line.slice(7);
              else if (line.startsWith("data: ")) data += line.slice(6);
              else if (line.startsWith("id: ")) id = line.slice(4);
            }
            if (block.startsWith(":")) continue; // comment (keep-alive)
            events++;
            onEvent(name, data, id);
          }
        });
        res.on("end", () =>
          resolve({ status: res.statusCode, events, body: isSse ? undefined : buffer }),
        );
        res.on("error", reject);
      },
    );
    let responded = false;
    req.on("error", (error) => reject(retryable(error, req, responded)));
    req.end(body);
  });
}

const stats = { retries: 0 };

/**
 * Marks an error as retryable when it hit a reused keep-alive socket before any response: the
 * server closed that idle socket as the request went out (Node's keepAliveTimeout race; under
 * load the platform's event loop sees the expired idle timer before the waiting request).
 * Browsers resend in exactly this case, for any method, and so does this client (once).
 */
function retryable(error, req, responded) {
  error.retryable = Boolean(req.reusedSocket) && !responded;
  return error;
}

async function withRetry(run) {
  try {
    return await run();
  } catch (error) {
    if (!error.retryable) throw error;
    stats.retries++;
    return run();
  }
}

const sse = (url, opts) => withRetry(() => sseOnce(url, opts));
const json = (url, opts) => withRetry(() => jsonOnce(url, opts));

/** A JSON request on the shared agent. */
function jsonOnce(url, { method = "GET", headers = {}, body } = {}) {
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
        responded = true;
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString();
          let parsed;
          try {
            parsed = JSON.parse(raw);
          } catch {
            parsed = raw;
          }
          resolve({ status: res.statusCode, body: parsed });
        });
        res.on("error", reject);
      },
    );
    let responded = false;
    req.on("error", (error) => reject(retryable(error, req, responded)));
    req.end(text);
  });
}

/** Runs `task(i)` for i in [0, n) with at most `limit` at a time. */
async function pool(n, limit, task) {
  let next = 0;
  const results = new Array(n);
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** Creates `n` conversations with `bot`, spread over the users' sessions (not timed). */
async function createConversations(n, bot) {
  const { platform, cookies } = options;
  return pool(n, 16, async (i) => {
    const cookie = cookies[i % cookies.length];
    const r = await json(`${platform}/api/conversations`, {
      method: "POST",
      headers: { cookie },
      body: { bot },
    });
    if (r.status !== 201)
      throw new Error(`create conversation: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return { id: r.body.conversation.id, cookie };
  });
}

const summary = (values) => {
  const sorted = sortNumbers(values);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
};

/**
 * One chat turn as a browser does it: POST the message, then GET its stream_url; or, with
 * `oneRequest`, POST it with `Accept: text/event-stream` and read the reply from that response.
 * Checks that the stream carries exactly the expected text pieces, in order, with consecutive
 * ids, and a final `done` with status complete and the full text.
 */
async function chatTurn(conversation, expectedPieces, hooks = {}, oneRequest = false) {
  const { platform } = options;
  const sendUrl = `${platform}/api/conversations/${conversation.id}/messages`;
  const content = { content: "tell me something" };
  const t0 = now();
  let tAccepted = NaN;
  let streamUrl;
  if (!oneRequest) {
    const sent = await json(sendUrl, {
      method: "POST",
      headers: { cookie: conversation.cookie },
      body: content,
    });
    tAccepted = now();
    if (sent.status !== 202) {
      return {
        ok: false,
        error: `send HTTP ${sent.status}: ${JSON.stringify(sent.body).slice(0, 200)}`,
      };
    }
    hooks.onAccepted?.();
    streamUrl = `${platform}${sent.body.stream_url}`;
  }
  const turn = {
    t0,
    tAccepted,
    tFirstText: NaN,
    tDone: NaN,
    arrivals: hooks.keepArrivals ? [] : undefined,
    texts: 0,
    expectedNext: 0,
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    idGaps: 0,
    lastId: 0,
    done: undefined,
  };
  const stream = sse(oneRequest ? sendUrl : streamUrl, {
    headers: { cookie: conversation.cookie },
    ...(oneRequest && {
      method: "POST",
      body: JSON.stringify(content),
      onResponse() {
        turn.tAccepted = now();
        hooks.onAccepted?.();
      },
    }),
    onEvent(name, data, id) {
      const t = now();
      const numericId = Number(id);
      if (numericId !== turn.lastId + 1) turn.idGaps++;
      turn.lastId = numericId;
      if (name === "text") {
        const { text } = JSON.parse(data);
        const index = Number(text.slice(1, -1));
        if (turn.texts === 0) {
          turn.tFirstText = t;
          hooks.onFirstText?.();
        }
        turn.texts++;
        turn.arrivals?.push(t);
        if (index === turn.expectedNext) turn.expectedNext++;
        else if (index < turn.expectedNext) turn.duplicated++;
        else {
          turn.outOfOrder++;
          turn.lost += index - turn.expectedNext;
          turn.expectedNext = index + 1;
        }
      } else if (name === "done") {
        turn.tDone = t;
        turn.done = JSON.parse(data);
      }
    },
  });
  hooks.onStreamOpened?.(stream);
  const result = await stream;
  turn.lost += Math.max(0, expectedPieces - turn.expectedNext);
  const okText =
    turn.done?.status === "complete" && turn.done?.text === expectedText(expectedPieces);
  turn.ok =
    result.status === 200 &&
    okText &&
    turn.lost === 0 &&
    turn.duplicated === 0 &&
    turn.idGaps === 0;
  if (!turn.ok) {
    turn.error =
      result.status !== 200
        ? `stream HTTP ${result.status}`
        : `done ${JSON.stringify(turn.done ?? null).slice(0, 160)}; lost ${turn.lost}, dup ${turn.duplicated}, idGaps ${turn.idGaps}`;
  }
  return turn;
}

/** A Poe query POST (direct to the mock, or the platform's /bot/<handle>); times the first text. */
async function poeQuery(url, authorization, expectedPieces) {
  const t0 = now();
  let tFirstText = NaN;
  let texts = "";
  let done = false;
  const r = await sse(url, {
    method: "POST",
    headers: { authorization },
    body: QUERY_BODY,
    onEvent(name, data) {
      if (name === "text") {
        if (!texts) tFirstText = now();
        texts += JSON.parse(data).text;
      } else if (name === "done") done = true;
    },
  });
  const tDone = now();
  const ok = r.status === 200 && done && texts === expectedText(expectedPieces);
  return {
    ok,
    first: tFirstText - t0,
    total: tDone - t0,
    error: ok
      ? undefined
      : `HTTP ${r.status} ${String(r.body ?? "").slice(0, 200)} text=${texts.length}`,
  };
}

// ---------------------------------------------------------------------------------------------

async function phaseTtfe() {
  const { platform, mock, relay, handle, apiKey, n, warmup, pieces, budgetMs } = options;
  // Each chat turn (c) and one-request turn (e) starts a conversation of its own.
  const conversations = await createConversations(2 * (n + warmup), handle);
  const directUrl = `${mock}/instant/${pieces}`;
  const poeUrl = `${platform}/bot/${handle}`;
  const samples = {
    direct: [],
    poe: [],
    relay: [],
    chat: [],
    chatSend: [],
    chatStream: [],
    chatOne: [],
    directTotal: [],
    poeTotal: [],
  };
  const errors = { direct: 0, poe: 0, relay: 0, chat: 0, chatOne: 0 };
  const firstError = {};
  let poeAvailable = true;
  // BENCH_TTFE_SKIP_CHAT=1 leaves out (c) and (e), e.g. for a CPU profile of the Poe API path.
  const kinds = ["direct", "poe", ...(relay ? ["relay"] : [])];
  if (!process.env.BENCH_TTFE_SKIP_CHAT) kinds.push("chat", "chatOne");
  const started = now();
  let measured = 0;
  let platformBotCalls = 0;
  await mark("measure-start", false);
  for (let i = 0; i < n + warmup; i++) {
    const warm = i < warmup;
    if (!warm && now() - started > budgetMs) break;
    // Rotate the order so no variant always runs right after the same other one.
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(i + k) % kinds.length];
      if (kind === "poe" && !poeAvailable) continue;
      if (kind !== "direct" && kind !== "relay") platformBotCalls++;
      try {
        if (kind === "chat") {
          const turn = await chatTurn(conversations[i], pieces);
          if (!turn.ok) throw new Error(turn.error);
          if (!warm) {
            samples.chat.push(turn.tFirstText - turn.t0);
            samples.chatSend.push(turn.tAccepted - turn.t0);
            samples.chatStream.push(turn.tFirstText - turn.tAccepted);
          }
        } else if (kind === "chatOne") {
          const turn = await chatTurn(conversations[n + warmup + i], pieces, {}, true);
          if (!turn.ok) throw new Error(turn.error);
          if (!warm) samples.chatOne.push(turn.tFirstText - turn.t0);
        } else {
          const r =
            kind === "direct"
              ? await poeQuery(directUrl, `Bearer ${ACCESS_KEY}`, pieces)
              : kind === "relay"
                ? await poeQuery(`${relay}/instant/${pieces}`, `Bearer ${ACCESS_KEY}`, pieces)
                : await poeQuery(poeUrl, `Bearer ${apiKey}`, pieces);
          if (!r.ok) throw new Error(r.error);
          if (!warm) {
            samples[kind].push(r.first);
            if (kind !== "relay") samples[`${kind}Total`].push(r.total);
          }
        }
      } catch (error) {
        errors[kind]++;
        firstError[kind] ??= error.message;
        // The Poe API may not be finished yet: give up on it after the warm-up fails throughout.
        if (kind === "poe" && warm && i >= 20 && errors.poe > i / 2) poeAvailable = false;
      }
    }
    if (!warm) measured++;
  }
  await mark("measure-end", false);
  send({
    result: {
      iterations: measured + warmup,
      // Bot calls the platform was asked to make: every (b) and (c) request, warm-up included.
      platformBotCalls,
      measured,
      retries: stats.retries,
      poeAvailable,
      errors,
      firstError,
      ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)])),
    },
  });
}

/** N concurrent paced streams, direct to the mock or through the platform's chat path. */
async function phaseStreams() {
  const { target, n, pieces, warmupN, warmupPieces } = options;
  const direct = target === "direct";
  let conversations = [];
  let warmConversations = [];
  if (!direct) {
    warmConversations = await createConversations(warmupN, options.warmHandle);
    conversations = await createConversations(n, options.handle);
  }

  // One "client": a direct Poe query to the mock, or send + attach on the platform.
  const runOne = (i, count, warm, hooks) => {
    if (!direct) return chatTurn((warm ? warmConversations : conversations)[i], count, hooks);
    const turn = {
      t0: now(),
      tFirstText: NaN,
      arrivals: hooks.keepArrivals ? [] : undefined,
      texts: 0,
      expectedNext: 0,
      lost: 0,
      duplicated: 0,
      done: false,
    };
    return sse(`${options.mock}/paced/${count}/${options.intervalMs}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ACCESS_KEY}` },
      body: QUERY_BODY,
      onEvent(name, data) {
        const t = now();
        if (name === "text") {
          const index = Number(JSON.parse(data).text.slice(1, -1));
          if (turn.texts === 0) {
            turn.tFirstText = t;
            hooks.onFirstText?.();
          }
          turn.texts++;
          turn.arrivals?.push(t);
          if (index === turn.expectedNext) turn.expectedNext++;
          else if (index < turn.expectedNext) turn.duplicated++;
          else {
            turn.lost += index - turn.expectedNext;
            turn.expectedNext = index + 1;
          }
        } else if (name === "done") turn.done = true;
      },
    }).then((r) => {
      turn.lost += Math.max(0, count - turn.expectedNext);
      turn.ok = r.status === 200 && turn.done && turn.lost === 0 && turn.duplicated === 0;
      if (!turn.ok) turn.error = `HTTP ${r.status}, lost ${turn.lost}, dup ${turn.duplicated}`;
      return turn;
    });
  };

  const safe = (promise) =>
    promise.catch((error) => ({
      ok: false,
      error: error.message,
      texts: 0,
      lost: NaN,
      duplicated: 0,
    }));

  // Warm-up: the same paths, ramped up in batches of 100 so that it also opens the keep-alive
  // sockets the measured burst then reuses (1,000 connects at once would overflow the
  // platform's accept queue, Node's default of 511, and cost 1-3 s SYN retries).
  const warm = [];
  for (let i = 0; i < warmupN; i += 100) {
    for (let k = i; k < Math.min(warmupN, i + 100); k++)
      warm.push(safe(runOne(k, warmupPieces, true, {})));
    await sleep(50);
  }
  const warmTurns = await Promise.all(warm);
  const warmFailed = warmTurns.filter((t) => !t.ok).length;
  if (warmFailed)
    log(
      `warm-up: ${warmFailed} of ${warmupN} streams failed: ${warmTurns.find((t) => !t.ok).error}`,
    );
  await sleep(500);
  const warmRetries = stats.retries;

  let firstTexts = 0;
  let accepted = 0;
  let firstDone = false;
  await mark("measure-start");
  const turns = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      safe(
        runOne(i, pieces, false, {
          keepArrivals: true,
          onAccepted: () => {
            if (++accepted === n) void mark("all-accepted", false);
          },
          onFirstText: () => {
            if (++firstTexts === n) void mark("steady-start", false);
          },
        }).then((turn) => {
          if (!firstDone) {
            firstDone = true;
            void mark("steady-end", false);
          }
          return turn;
        }),
      ),
    ),
  );
  await mark("measure-end");

  const gaps = [];
  const ttft = [];
  const acceptTimes = [];
  let received = 0;
  let lost = 0;
  let duplicated = 0;
  let failed = 0;
  let stalls = 0;
  const errorKinds = {};
  for (const turn of turns) {
    received += turn.texts ?? 0;
    lost += Number.isFinite(turn.lost) ? turn.lost : pieces;
    duplicated += turn.duplicated ?? 0;
    if (!turn.ok) {
      failed++;
      const kind = String(turn.error).replace(/\d+/g, "#");
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }
    if (Number.isFinite(turn.tFirstText)) ttft.push(turn.tFirstText - turn.t0);
    if (Number.isFinite(turn.tAccepted)) acceptTimes.push(turn.tAccepted - turn.t0);
    const a = turn.arrivals ?? [];
    for (let k = 1; k < a.length; k++) {
      const gap = a[k] - a[k - 1];
      gaps.push(gap);
      if (gap > 10 * options.intervalMs) stalls++;
    }
  }
  // Text events that arrived inside each window between two marks, for CPU per event.
  const windows = {
    whole: ["measure-start", "measure-end"],
    steady: ["steady-start", "steady-end"],
    afterSends: ["all-accepted", "measure-end"],
  };
  const eventsIn = {};
  for (const [name, [from, to]] of Object.entries(windows)) {
    const a = markTimes[from];
    const b = markTimes[to];
    if (!(a < b)) continue;
    let count = 0;
    for (const turn of turns) for (const t of turn.arrivals ?? []) if (t >= a && t <= b) count++;
    eventsIn[name] = count;
  }
  // Gaps between two events that both arrived while every stream was live (B5's load), apart
  // from the ramp-up, when the sends compete with the first replies for the CPU.
  const liveGaps = [];
  const [liveFrom, liveTo] = [markTimes["steady-start"], markTimes["steady-end"]];
  if (liveFrom < liveTo) {
    for (const turn of turns) {
      const a = turn.arrivals ?? [];
      for (let k = 1; k < a.length; k++)
        if (a[k - 1] >= liveFrom && a[k] <= liveTo) liveGaps.push(a[k] - a[k - 1]);
    }
  }
  send({
    result: {
      eventsIn,
      liveGap: liveGaps.length ? summary(liveGaps) : undefined,
      streams: n,
      expected: n * pieces,
      received,
      lost,
      duplicated,
      failed,
      errorKinds,
      stalls,
      gap: summary(gaps),
      ttft: summary(ttft),
      accept: summary(acceptTimes),
      reachedSteady: firstTexts === n,
      retries: stats.retries - warmRetries,
    },
  });
}

/** N chat streams attached to replies that send one text event and then stay silent. */
async function phaseIdle() {
  const { n, warmupN, handle } = options;
  const warmConversations = await createConversations(warmupN, handle);
  const conversations = await createConversations(n, handle);

  // Sends a message on each conversation; the replies' streams are attached later.
  // In batches of 250, so the connects never overflow the platform's accept queue (511).
  const sendAll = async (list) => {
    const out = [];
    for (let i = 0; i < list.length; i += 250)
      out.push(...(await sendBatch(list.slice(i, i + 250))));
    return out;
  };
  const sendBatch = (list) =>
    Promise.all(
      list.map(async (conversation) => {
        const r = await json(`${options.platform}/api/conversations/${conversation.id}/messages`, {
          method: "POST",
          headers: { cookie: conversation.cookie },
          body: { content: "tell me something" },
        });
        if (r.status !== 202) throw new Error(`send HTTP ${r.status} ${JSON.stringify(r.body)}`);
        return { ...conversation, streamUrl: r.body.stream_url };
      }),
    );
  await measureIdleStreams({
    warm: warmConversations,
    measured: conversations,
    async prepare(list, measured) {
      const sent = await sendAll(list);
      if (measured) {
        await sleep(500);
        await mark("sent");
      }
      return sent;
    },
    open: (turn) => ({ url: `${options.platform}${turn.streamUrl}`, cookie: turn.cookie }),
  });
}

/**
 * Phase 3's baseline: N idle SSE streams straight from the mock (bare node:http), opened the same
 * way and with a session cookie of the same size as the chat streams.
 */
async function phaseIdleRaw() {
  const cookie = `parlor_session=${"x".repeat(43)}`;
  await measureIdleStreams({
    warm: Array.from({ length: options.warmupN }),
    measured: Array.from({ length: options.n }),
    prepare: async (list) => list,
    open: () => ({ url: `${options.mock}/idle-sse`, cookie }),
  });
}

/**
 * Phase 3's measurement for either server. A warm-up of the same path is opened and released
 * first; then mark "baseline", `prepare` the measured items (for the platform: start the
 * replies), open a stream for each with `open`, wait for every first text, mark "attached", and
 * release the mock's idle replies so every stream ends with `done`.
 */
async function measureIdleStreams({ warm, measured, prepare, open }) {
  const release = () => json(`${options.mock}/__release`, { method: "POST" });
  const warmStreams = attachIdle(await prepare(warm, false), open);
  await waitOrTimeout(warmStreams.allFirst, 10_000);
  await release();
  await warmStreams.done;
  await sleep(1000);

  await mark("baseline");
  const ready = await prepare(measured, true);
  const attached = attachIdle(ready, open);
  const allAttached = await waitOrTimeout(attached.allFirst, 20_000);
  await sleep(1000);
  await mark("attached");
  await release();
  const results = await attached.done;
  const failed = results.filter((r) => r.status !== 200).length;
  send({
    result: {
      n: measured.length,
      firstTexts: attached.count(),
      allAttached,
      failed,
      retries: stats.retries,
    },
  });
}

/** Opens one SSE stream per item; `allFirst` resolves once every stream has shown its text. */
function attachIdle(items, open) {
  let firstTexts = 0;
  let resolveAll;
  const allFirst = new Promise((resolve) => (resolveAll = resolve));
  const streams = items.map((item) => {
    const { url, cookie } = open(item);
    return sse(url, {
      headers: { cookie },
      onEvent(name) {
        if (name === "text" && ++firstTexts === items.length) resolveAll();
      },
    }).catch((error) => ({ status: 0, error: error.message }));
  });
  if (items.length === 0) resolveAll();
  return { allFirst, done: Promise.all(streams), count: () => firstTexts };
}

const waitOrTimeout = (promise, ms) =>
  Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);

try {
  if (phase === "ttfe") await phaseTtfe();
  else if (phase === "streams") await phaseStreams();
  else if (phase === "idle") await phaseIdle();
  else if (phase === "idle-raw") await phaseIdleRaw();
  else throw new Error(`unknown phase ${phase}`);
  agent.destroy();
  process.exit(0);
} catch (error) {
  log(`load.mjs ${phase} failed: ${error.stack ?? error}`);
  process.exit(1);
}
