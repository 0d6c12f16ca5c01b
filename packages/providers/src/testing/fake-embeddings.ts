import type { FakeResponse, RecordedRequest } from "./fake-vendor-server.js";

/** How many numbers a fake embedding has unless the request asks for fewer. */
export const FAKE_EMBEDDING_DIMENSIONS = 8;

/**
 * The fakes' embedding of a text: deterministic, so a test can compute what a fake answers
 * (each number a function of the text and its position, exact in float32).
 */
export function fakeEmbedding(text: string, dimensions = FAKE_EMBEDDING_DIMENSIONS): number[] {
  let seed = 0;
  for (const character of text) seed = (seed * 31 + character.codePointAt(0)!) % 1024;
  return Array.from({ length: dimensions }, (_, index) => ((seed + index * 37) % 256) / 256 - 0.5);
}

/** The tokens the fakes say a text took: one per word, at least one. */
export function fakeTokenCount(texts: string[]): number {
  return texts.reduce(
    (sum, text) => sum + Math.max(1, text.split(/\s+/).filter(Boolean).length),
    0,
  );
}

/** A vector as OpenAI's `encoding_format: "base64"` sends it: little-endian float32 bytes. */
export function base64Embedding(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

/** OpenAI's `POST /v1/embeddings` answer for these texts, in the format the request asked. */
export function openAiEmbeddingsAnswer(request: RecordedRequest): FakeResponse {
  const body = request.body as {
    model?: string;
    input?: string | string[];
    dimensions?: number;
    encoding_format?: "float" | "base64";
  };
  const texts = typeof body.input === "string" ? [body.input] : (body.input ?? []);
  const tokens = fakeTokenCount(texts);
  return {
    json: {
      object: "list",
      data: texts.map((text, index) => {
        const vector = fakeEmbedding(text, body.dimensions);
        return {
          object: "embedding",
          index,
          embedding: body.encoding_format === "base64" ? base64Embedding(vector) : vector,
        };
      }),
      model: body.model ?? "text-embedding-3-small",
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}

/** Gemini's `:batchEmbedContents` answer: one `values` list per request, in order. */
export function geminiEmbeddingsAnswer(request: RecordedRequest): FakeResponse {
  const body = request.body as {
    requests?: { content?: { parts?: { text?: string }[] }; outputDimensionality?: number }[];
  };
  return {
    json: {
      embeddings: (body.requests ?? []).map((item) => ({
        values: fakeEmbedding(
          (item.content?.parts ?? []).map((part) => part.text ?? "").join(""),
          item.outputDimensionality,
        ),
      })),
    },
  };
}
