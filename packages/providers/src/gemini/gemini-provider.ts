import { GoogleGenAI, type GenerateContentConfig } from "@google/genai";
import { checkedVectors } from "../internal/checked-vectors.js";
import { toConversation } from "../internal/conversation.js";
import { streamEndedEarly } from "../internal/stream-ended-early.js";
import type { ModelProvider, ModelRequest, ProviderEvent } from "../model-provider.js";
import { retryAfterSeconds } from "../retry/retry-after.js";
import { resolveRetryPolicy } from "../retry/resolve-retry-policy.js";
import type { RetryPolicy } from "../retry/retry-policy.js";
import { callWithRetries } from "../retry/call-with-retries.js";
import { streamWithRetries } from "../retry/stream-with-retries.js";
import { fromGeminiError } from "./gemini-error.js";
import { GeminiStreamMapper } from "./gemini-stream-mapper.js";
import { toGeminiContents, toGeminiTools } from "./to-gemini-contents.js";

/** Options of `createGeminiProvider`. */
export interface GeminiProviderOptions {
  apiKey: string;
  /** Default `https://generativelanguage.googleapis.com` (the SDK adds `/v1beta`). */
  baseUrl?: string;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

const VENDOR = "Google Gemini";

function toConfig(request: ModelRequest): GenerateContentConfig {
  const conversation = toConversation(request);
  const config: GenerateContentConfig = {};
  if (conversation.system !== undefined) config.systemInstruction = conversation.system;
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.stop_sequences?.length) config.stopSequences = request.stop_sequences;
  if (request.maxTokens != null) config.maxOutputTokens = request.maxTokens;
  if (request.tools?.length) config.tools = toGeminiTools(request.tools);
  return config;
}

/** The SDK's ApiError drops headers, so each call's fetch keeps the Retry-After it saw. */
function retryAfterRecorder(baseFetch: typeof fetch) {
  let retryAfter: number | undefined;
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await baseFetch(input, init);
    if (!response.ok) retryAfter = retryAfterSeconds(response.headers);
    return response;
  };
  return { fetch: recordingFetch, retryAfter: () => retryAfter };
}

/** About four characters per token, Google's published estimate for Gemini models. */
function estimatedTokens(texts: string[]): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
}

/** A provider for the Gemini API (Google AI Studio keys). */
export function createGeminiProvider(options: GeminiProviderOptions): ModelProvider {
  const policy = resolveRetryPolicy(options.retry);
  const baseFetch = options.fetch ?? fetch;
  // Key, base URL and backend are explicit so the SDK reads no GOOGLE_* or GEMINI_* variable;
  // one attempt per call, since our policy does the retrying.
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    vertexai: false,
    httpOptions: {
      baseUrl: options.baseUrl ?? "https://generativelanguage.googleapis.com",
      retryOptions: { attempts: 1 },
    },
  });

  async function* attempt(
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ProviderEvent> {
    const mapper = new GeminiStreamMapper(request.model);
    const { fetch: recordingFetch, retryAfter } = retryAfterRecorder(baseFetch);
    try {
      const stream = await client.models.generateContentStream({
        model: request.model,
        contents: toGeminiContents(toConversation(request), request.acceptsImages ?? true),
        config: {
          ...toConfig(request),
          ...(signal && { abortSignal: signal }),
          httpOptions: { fetch: recordingFetch },
        },
      });
      for await (const chunk of stream) yield* mapper.map(chunk);
    } catch (error) {
      throw fromGeminiError(error, signal, retryAfter());
    }
    if (mapper.finishReason === undefined) throw streamEndedEarly(VENDOR, signal);
    yield { event: "finish", data: { finish_reason: mapper.finishReason } };
    if (mapper.usage) yield { event: "usage", data: mapper.usage };
  }

  return {
    id: "gemini",
    vendorName: VENDOR,
    async listModels(signal) {
      try {
        const pager = await client.models.list({
          config: { ...(signal && { abortSignal: signal }), httpOptions: { fetch: baseFetch } },
        });
        const models = [];
        for await (const model of pager) {
          const supported = model.supportedActions ?? [];
          if (supported.length > 0 && !supported.includes("generateContent")) continue;
          models.push({
            id: (model.name ?? "").replace(/^models\//, ""),
            ...(model.displayName && { displayName: model.displayName }),
            providerId: "gemini",
          });
        }
        return models;
      } catch (error) {
        throw fromGeminiError(error, signal, undefined);
      }
    },
    stream(request, signal) {
      return streamWithRetries((attemptSignal) => attempt(request, attemptSignal), policy, signal);
    },
    embed(request, signal) {
      return callWithRetries(
        async (attemptSignal) => {
          const { fetch: recordingFetch, retryAfter } = retryAfterRecorder(baseFetch);
          try {
            // `batchEmbedContents`, one request per text, which the SDK sends for a list.
            const response = await client.models.embedContent({
              model: request.model,
              contents: request.input,
              config: {
                ...(request.dimensions !== undefined && {
                  outputDimensionality: request.dimensions,
                }),
                ...(attemptSignal && { abortSignal: attemptSignal }),
                httpOptions: { fetch: recordingFetch },
              },
            });
            const vectors = (response.embeddings ?? []).map((embedding) => embedding.values);
            return {
              vectors: checkedVectors(vectors, request.input.length, VENDOR),
              // The Gemini API does not count embedding tokens; a quarter of the characters is
              // Google's own rule of thumb for its tokenizer.
              usage: { input_tokens: estimatedTokens(request.input) },
            };
          } catch (error) {
            throw fromGeminiError(error, attemptSignal, retryAfter());
          }
        },
        policy,
        signal,
      );
    },
  };
}
