import type { ScriptedAnswer } from "./fake-openai.js";
import {
  sseFrame,
  startFakeVendorServer,
  type FakeResponse,
  type FakeSseResponse,
  type FakeVendorServer,
} from "./fake-vendor-server.js";

const MODEL = "claude-sonnet-4-20250514";

function errorBody(type: string, message: string) {
  return { type: "error", error: { type, message }, request_id: "req_fake" };
}

/**
 * A Messages API stream as Anthropic sends it: `message_start`, a `ping`, one text block
 * (when there is text) then one `tool_use` block per call with `input_json_delta` pieces,
 * `message_delta` with the stop reason and output tokens, `message_stop`.
 */
export function anthropicStream(answer: ScriptedAnswer): FakeSseResponse {
  const usage = answer.usage ?? { input: 10, output: 1 };
  const frames = [
    sseFrame(
      {
        type: "message_start",
        message: {
          id: "msg_fake",
          type: "message",
          role: "assistant",
          model: MODEL,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: usage.input, output_tokens: 1 },
        },
      },
      "message_start",
    ),
    sseFrame({ type: "ping" }, "ping"),
  ];
  let blockIndex = 0;
  if (answer.text?.length) {
    const start = {
      type: "content_block_start",
      index: 0,
      content_block: { type: "text", text: "" },
    };
    frames.push(sseFrame(start, "content_block_start"));
    for (const text of answer.text) {
      const delta = { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } };
      frames.push(sseFrame(delta, "content_block_delta"));
    }
    frames.push(sseFrame({ type: "content_block_stop", index: 0 }, "content_block_stop"));
    blockIndex = 1;
  }
  for (const call of answer.toolCalls ?? []) {
    const index = blockIndex++;
    const block = { type: "tool_use", id: call.id, name: call.name, input: {} };
    frames.push(
      sseFrame({ type: "content_block_start", index, content_block: block }, "content_block_start"),
    );
    for (const partial_json of call.argumentParts) {
      const delta = {
        type: "content_block_delta",
        index,
        delta: { type: "input_json_delta", partial_json },
      };
      frames.push(sseFrame(delta, "content_block_delta"));
    }
    frames.push(sseFrame({ type: "content_block_stop", index }, "content_block_stop"));
  }
  const natural = answer.toolCalls?.length ? "tool_use" : "end_turn";
  const messageDelta = {
    type: "message_delta",
    delta: { stop_reason: answer.finishReason ?? natural, stop_sequence: null },
    usage: { output_tokens: usage.output },
  };
  frames.push(sseFrame(messageDelta, "message_delta"));
  frames.push(sseFrame({ type: "message_stop" }, "message_stop"));
  return { sse: frames };
}

/** An `error` event in the middle of a stream, as Anthropic sends when it is overloaded. */
export function anthropicStreamError(afterText: string[] = []): FakeResponse {
  const frames = anthropicStream({ text: afterText }).sse.slice(
    0,
    afterText.length ? 3 + afterText.length : 2,
  );
  frames.push(sseFrame(errorBody("overloaded_error", "Overloaded"), "error"));
  return { sse: frames };
}

/** Anthropic's real error bodies. */
export const anthropicErrors = {
  invalidKey: { status: 401, json: errorBody("authentication_error", "invalid x-api-key") },
  contextTooLong: {
    status: 400,
    json: errorBody("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum"),
  },
  badRequest: {
    status: 400,
    json: errorBody(
      "invalid_request_error",
      'messages: roles must alternate between "user" and "assistant"',
    ),
  },
  rateLimited: (retryAfterSeconds: number): FakeResponse => ({
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
    json: errorBody(
      "rate_limit_error",
      "This request would exceed the rate limit for your organization of 50 requests per minute.",
    ),
  }),
  overloaded: { status: 529, json: errorBody("overloaded_error", "Overloaded") },
} satisfies Record<string, FakeResponse | ((seconds: number) => FakeResponse)>;

/**
 * A fake Anthropic API: `POST /v1/messages` answers what is scripted, `GET /v1/models` lists
 * `models`. Point a provider at `url` (the SDK adds `/v1`).
 */
export async function startFakeAnthropic(models: string[] = [MODEL]): Promise<FakeVendorServer> {
  return startFakeVendorServer({
    isGeneration: (request) => request.method === "POST" && request.path === "/v1/messages",
    route: (request) =>
      request.method === "GET" && request.path.startsWith("/v1/models")
        ? {
            json: {
              data: models.map((id) => ({
                type: "model",
                id,
                display_name: id.replace(/-\d{8}$/, ""),
                created_at: "2025-05-22T00:00:00Z",
              })),
              has_more: false,
              first_id: models[0] ?? null,
              last_id: models.at(-1) ?? null,
            },
          }
        : undefined,
    defaultResponse: () => anthropicStream({ text: ["Hello", " from the fake."] }),
  });
}
