import type { ScriptedAnswer } from "./fake-openai.js";
import {
  sseFrame,
  startFakeVendorServer,
  type FakeResponse,
  type FakeSseResponse,
  type FakeVendorServer,
} from "./fake-vendor-server.js";
import { geminiEmbeddingsAnswer } from "./fake-embeddings.js";

const MODEL = "gemini-2.5-flash";

/** A scripted Gemini function call: whole, as Gemini sends them. */
export interface ScriptedFunctionCall {
  name: string;
  args: Record<string, unknown>;
  thoughtSignature?: string;
}

function chunk(parts: unknown[], extra: Record<string, unknown> = {}) {
  return {
    candidates: [{ content: { parts, role: "model" }, index: 0, ...extra }],
    modelVersion: MODEL,
    responseId: "fake-response",
  };
}

/**
 * A `streamGenerateContent?alt=sse` stream as Gemini sends it: one chunk per text piece, the
 * function calls whole in one chunk, and the last chunk with `finishReason` and `usageMetadata`.
 */
export function geminiStream(
  answer: Omit<ScriptedAnswer, "toolCalls"> & { functionCalls?: ScriptedFunctionCall[] },
): FakeSseResponse {
  const usage = answer.usage ?? { input: 8, output: 3 };
  // Gemini puts the prompt's token count on every chunk, the output's on the last.
  const promptUsage = {
    usageMetadata: { promptTokenCount: usage.input, totalTokenCount: usage.input },
  };
  const frames = (answer.text ?? []).map((text) =>
    sseFrame({ ...chunk([{ text }]), ...promptUsage }),
  );
  const calls = (answer.functionCalls ?? []).map(({ name, args, thoughtSignature }) => ({
    functionCall: { name, args },
    ...(thoughtSignature && { thoughtSignature }),
  }));
  const usageMetadata = {
    promptTokenCount: usage.input,
    candidatesTokenCount: usage.output,
    totalTokenCount: usage.input + usage.output,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: usage.input }],
  };
  frames.push(
    sseFrame({ ...chunk(calls, { finishReason: answer.finishReason ?? "STOP" }), usageMetadata }),
  );
  return { sse: frames };
}

function errorBody(code: number, status: string, message: string, details?: unknown[]) {
  return { error: { code, message, status, ...(details && { details }) } };
}

/** Gemini's real error bodies (a wrong key is a 400 with `API_KEY_INVALID`). */
export const geminiErrors = {
  invalidKey: {
    status: 400,
    json: errorBody(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
    ]),
  },
  permissionDenied: {
    status: 403,
    json: errorBody(
      403,
      "PERMISSION_DENIED",
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    ),
  },
  contextTooLong: {
    status: 400,
    json: errorBody(
      400,
      "INVALID_ARGUMENT",
      "The input token count (1196265) exceeds the maximum number of tokens allowed (1048576).",
    ),
  },
  badRequest: {
    status: 400,
    json: errorBody(
      400,
      "INVALID_ARGUMENT",
      "* GenerateContentRequest.contents: contents is not specified\n",
    ),
  },
  rateLimited: (retryAfterSeconds: number): FakeResponse => ({
    status: 429,
    json: errorBody(
      429,
      "RESOURCE_EXHAUSTED",
      "You exceeded your current quota, please check your plan and billing details.",
      [
        {
          "@type": "type.googleapis.com/google.rpc.RetryInfo",
          retryDelay: `${retryAfterSeconds}s`,
        },
      ],
    ),
  }),
  overloaded: {
    status: 503,
    json: errorBody(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
  },
} satisfies Record<string, FakeResponse | ((seconds: number) => FakeResponse)>;

/**
 * A fake Gemini API: `POST /v1beta/models/<model>:streamGenerateContent` and
 * `:batchEmbedContents` answer what is scripted (by default a short text answer and
 * `fakeEmbedding`s), `GET /v1beta/models` lists `models`. Point a provider at `url`.
 */
export async function startFakeGemini(models: string[] = [MODEL]): Promise<FakeVendorServer> {
  return startFakeVendorServer({
    isGeneration: (request) =>
      request.method === "POST" &&
      (request.path.includes(":streamGenerateContent") ||
        request.path.includes(":batchEmbedContents")),
    route: (request) =>
      request.method === "GET" && request.path.startsWith("/v1beta/models")
        ? {
            json: {
              models: models.map((id) => ({
                name: `models/${id}`,
                displayName: id,
                supportedGenerationMethods: ["generateContent", "countTokens"],
              })),
            },
          }
        : undefined,
    defaultResponse: (request) =>
      request.path.includes(":batchEmbedContents")
        ? geminiEmbeddingsAnswer(request)
        : geminiStream({ text: ["Hello", " from the fake."] }),
  });
}
