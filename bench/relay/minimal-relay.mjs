// The floor for relaying a bot's stream in Node: what any relay must do, and nothing more.
// A POST is forwarded to the mock bot (same path and body, keep-alive agent); its SSE reply is
// split into events, each event's JSON is parsed and re-encoded (validation and re-framing,
// which every real relay needs), and written to the caller as it arrives. No auth, no database,
// no limits, no fan-out, no resume: phase 2c measures this process's CPU per relayed event as
// the same-run baseline for the platform's.
//
// Env: UPSTREAM (the mock's URL), PORT (0 = any free port), HOST (127.0.0.1).
import { Agent, createServer, request } from "node:http";

const upstream = new URL(process.env.UPSTREAM ?? "http://127.0.0.1:9");
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? "127.0.0.1";
const agent = new Agent({ keepAlive: true, maxSockets: 5000 });
const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
};

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const upstreamRequest = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: "POST",
        path: req.url,
        agent,
        headers: {
          authorization: req.headers.authorization ?? "",
          "content-type": "application/json",
          "content-length": body.length,
        },
      },
      (reply) => {
        res.writeHead(200, SSE_HEADERS);
        reply.setEncoding("utf8");
        let buffered = "";
        reply.on("data", (text) => {
          buffered += text;
          let end;
          while ((end = buffered.indexOf("\r\n\r\n")) !== -1) {
            const frame = buffered.slice(0, end);
            buffered = buffered.slice(end + 4);
            const newline = frame.indexOf("\r\n");
            const event = frame.slice(7, newline); // "event: <name>"
            const data = JSON.parse(frame.slice(newline + 8)); // "data: <json>"
            res.write(`event: ${event}\r\ndata: ${JSON.stringify(data)}\r\n\r\n`);
          }
        });
        reply.on("end", () => res.end());
      },
    );
    upstreamRequest.on("error", () => res.destroy());
    upstreamRequest.end(body);
  });
});

server.listen({ port, host, backlog: 4096 }, () => {
  console.log(`minimal-relay listening on http://${host}:${server.address().port}`);
});
