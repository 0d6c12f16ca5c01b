import {
  sseFrame,
  startFakeVendorServer,
  type FakeResponse,
  type FakeSseResponse,
  type FakeVendorServer,
} from "./fake-vendor-server.js";
import { openAiEmbeddingsAnswer } from "./fake-embeddings.js";

/** A scripted tool call: its id, name and the pieces its JSON arguments stream in. */
export interface ScriptedToolCall {
  id: string;
  name: string;
  argumentParts: string[];
}

/** What a scripted answer streams. */
export interface ScriptedAnswer {
  text?: string[];
  toolCalls?: ScriptedToolCall[];
  usage?: { input: number; output: number };
  /** The vendor's own stop reason; defaults to the natural one for the answer. */
  finishReason?: string;
}

const MODEL = "gpt-4o-mini";

function chunk(delta: unknown, finishReason: string | null = null): unknown {
  // The shape of chat.completion.chunk as OpenAI streams it with include_usage set.
  return {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1_733_000_000,
    model: MODEL,
    system_fingerprint: "fp_fake",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  };
}

/** An OpenAI chat-completions stream: role chunk, content deltas, tool-call deltas, usage, [DONE]. */
export function openAiStream(answer: ScriptedAnswer): FakeSseResponse {
  const frames = [sseFrame(chunk({ role: "assistant", content: "", refusal: null }))];
  for (const text of answer.text ?? []) frames.push(sseFrame(chunk({ content: text })));
  (answer.toolCalls ?? []).forEach((call, index) => {
    const start = {
      index,
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: "" },
    };
    frames.push(sseFrame(chunk({ tool_calls: [start] })));
    for (const part of call.argumentParts) {
      frames.push(sseFrame(chunk({ tool_calls: [{ index, function: { arguments: part } }] })));
    }
  });
  const natural = answer.toolCalls?.length ? "tool_calls" : "stop";
  frames.push(sseFrame(chunk({}, answer.finishReason ?? natural)));
  if (answer.usage) {
    const { input, output } = answer.usage;
    frames.push(
      sseFrame({
        id: "chatcmpl-fake",
        object: "chat.completion.chunk",
        created: 1_733_000_000,
        model: MODEL,
        choices: [],
        usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
      }),
    );
  }
  frames.push("data: [DONE]\n\n");
  return { sse: frames };
}

/** OpenAI's real error bodies. */
export const openAiErrors = {
  invalidKey: {
    status: 401,
    json: {
      error: {
        message:
          "Incorrect API key provided: sk-fake. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    },
  },
  contextTooLong: {
    status: 400,
    json: {
      error: {
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 130532 tokens. Please reduce the length of the messages.",
        type: "invalid_request_error",
        param: "messages",
        code: "context_length_exceeded",
      },
    },
  },
  badRequest: {
    status: 400,
    json: {
      error: {
        message: "Invalid value for 'temperature': must be between 0 and 2.",
        type: "invalid_request_error",
        param: "temperature",
        code: "invalid_value",
      },
    },
  },
  rateLimited: (retryAfterSeconds: number): FakeResponse => ({
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
    json: {
      error: {
        message:
          "Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
        type: "requests",
        param: null,
        code: "rate_limit_exceeded",
      },
    },
  }),
  serverError: {
    status: 500,
    json: {
      error: {
        message: "The server had an error while processing your request. Sorry about that!",
        type: "server_error",
        param: null,
        code: null,
      },
    },
  },
} satisfies Record<string, FakeResponse | ((seconds: number) => FakeResponse)>;

const DEFAULT_TEXT = ["Hello", " from the fake."];
const DEFAULT_USAGE = { input: 5, output: 4 };
const DEFAULT_STREAM = openAiStream({ text: DEFAULT_TEXT, usage: DEFAULT_USAGE });

/** A non-streamed `chat.completion` answer, as OpenAI sends when `stream` is not set. */
export function completion(text: string, usage: { input: number; output: number }): unknown {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_733_000_000,
    model: MODEL,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

/**
 * A fake OpenAI (or OpenAI-compatible) server: `POST /v1/chat/completions` and
 * `POST /v1/embeddings` answer what is scripted (by default a short text answer, streamed when
 * the request asks for a stream, and `fakeEmbedding`s in the encoding asked for),
 * `GET /v1/models` lists `models`. Point a provider at `${url}/v1`.
 */
export async function startFakeOpenAi(
  models: string[] = [MODEL, "gpt-4o"],
): Promise<FakeVendorServer> {
  return startFakeVendorServer({
    isGeneration: (request) =>
      request.method === "POST" &&
      (request.path === "/v1/chat/completions" || request.path === "/v1/embeddings"),
    route: (request) =>
      request.method === "GET" && request.path === "/v1/models"
        ? {
            json: {
              object: "list",
              data: models.map((id) => ({
                id,
                object: "model",
                created: 1_715_367_049,
                owned_by: "system",
              })),
            },
          }
        : undefined,
    defaultResponse: (request) =>
      request.path === "/v1/embeddings"
        ? openAiEmbeddingsAnswer(request)
        : (request.body as { stream?: unknown } | undefined)?.stream === true
          ? DEFAULT_STREAM
          : { json: completion(DEFAULT_TEXT.join(""), DEFAULT_USAGE) },
  });
}
