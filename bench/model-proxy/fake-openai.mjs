// The model for the model-proxy benchmark: a fake OpenAI chat completions server, bare
// node:http in its own process, as cheap as it can be so that what is measured is the proxy.
//
//   PORT=0 node fake-openai.mjs      (prints "fake OpenAI at http://127.0.0.1:<port>")
//
// `GET /v1/models` lists the models below. `POST /v1/chat/completions` answers by model:
//   bench-instant   CHUNKS content chunks in one write (streamed), or one JSON completion
//   bench-paced     CHUNKS content chunks, PACE_MS apart (for the paced-streams phase)
// Streams use OpenAI's framing exactly: `data: <chunk>\n\n`, a role chunk first, a finish chunk,
// a usage chunk when `stream_options.include_usage` is set, then `data: [DONE]`.
// Content piece i is `w<i> `, so a lost or repeated piece shows in the client's check.
import http from "node:http";

const CHUNKS = Number(process.env.CHUNKS ?? 20);
const PACE_MS = Number(process.env.PACE_MS ?? 20);
const MODELS = ["bench-instant", "bench-paced"];
const CREATED = 1_764_000_000;

const chunk = (model, delta, finish = null) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion.chunk",
    created: CREATED,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  })}\n\n`;

const usageChunk = (model) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion.chunk",
    created: CREATED,
    model,
    choices: [],
    usage: { prompt_tokens: 12, completion_tokens: CHUNKS, total_tokens: 12 + CHUNKS },
  })}\n\n`;

/** The frames of one streamed answer, built once per model (the same for every request). */
const framesOf = new Map(
  MODELS.map((model) => {
    const pieces = [];
    for (let i = 0; i < CHUNKS; i++) pieces.push(chunk(model, { content: `w${i} ` }));
    return [
      model,
      {
        head: chunk(model, { role: "assistant", content: "" }),
        pieces,
        finish: chunk(model, {}, "stop"),
        usage: usageChunk(model),
      },
    ];
  }),
);

const completionOf = (model) =>
  JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: CREATED,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: framesOf
            .get(MODELS[0])
            .pieces.map((_, i) => `w${i} `)
            .join(""),
          refusal: null,
        },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: CHUNKS, total_tokens: 12 + CHUNKS },
  });

const modelList = JSON.stringify({
  object: "list",
  data: MODELS.map((id) => ({ id, object: "model", created: CREATED, owned_by: "bench" })),
});

let requests = 0;
const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/v1/models") {
    response.writeHead(200, { "content-type": "application/json" }).end(modelList);
    return;
  }
  if (request.method === "GET" && request.url === "/__stats") {
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ requests }));
    return;
  }
  if (request.method !== "POST" || request.url !== "/v1/chat/completions") {
    response
      .writeHead(404, { "content-type": "application/json" })
      .end('{"error":{"message":"not found"}}');
    return;
  }
  const parts = [];
  request.on("data", (part) => parts.push(part));
  request.on("end", () => {
    requests++;
    let body;
    try {
      body = JSON.parse(Buffer.concat(parts).toString());
    } catch {
      response
        .writeHead(400, { "content-type": "application/json" })
        .end('{"error":{"message":"bad json"}}');
      return;
    }
    const model = MODELS.includes(body.model) ? body.model : MODELS[0];
    if (body.stream !== true) {
      response.writeHead(200, { "content-type": "application/json" }).end(completionOf(model));
      return;
    }
    const frames = framesOf.get(model);
    const tail =
      frames.finish + (body.stream_options?.include_usage ? frames.usage : "") + "data: [DONE]\n\n";
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    if (model === "bench-instant") {
      response.end(frames.head + frames.pieces.join("") + tail);
      return;
    }
    response.write(frames.head);
    let i = 0;
    const timer = setInterval(() => {
      if (response.destroyed) return clearInterval(timer);
      response.write(frames.pieces[i++]);
      if (i === frames.pieces.length) {
        clearInterval(timer);
        response.end(tail);
      }
    }, PACE_MS);
    response.on("close", () => clearInterval(timer));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`fake OpenAI at http://127.0.0.1:${server.address().port}`);
});
