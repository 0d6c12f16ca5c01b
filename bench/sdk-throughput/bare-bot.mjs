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
// Env: PORT (default 8000, as serve; 0 = any free port), POE_ACCESS_KEY (required), HOST (127.0.0.1),
// BARE_WRITES. Prints `listening on <url>` once ready.
import { createServer } from "node:http";
import { createBareListener } from "./bare-listener.mjs";
import { serverConfig } from "./common.mjs";

const { port, host, accessKey } = serverConfig();
const perEvent = process.env.BARE_WRITES === "event";

const server = createServer(
  { keepAliveTimeout: 65_000 },
  createBareListener({ accessKey, perEvent }),
);

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
