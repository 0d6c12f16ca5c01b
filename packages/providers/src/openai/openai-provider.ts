import OpenAI from "openai";
import type { ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import { chunkEvent } from "../internal/chat-chunk.js";
import { checkedVectors } from "../internal/checked-vectors.js";
import { toConversation } from "../internal/conversation.js";
import { fromSdkError } from "../internal/sdk-error.js";
import { streamEndedEarly } from "../internal/stream-ended-early.js";
import type {
  FinishReason,
  ModelProvider,
  ModelRequest,
  ProviderEvent,
  TokenUsage,
} from "../model-provider.js";
import { resolveRetryPolicy } from "../retry/resolve-retry-policy.js";
import type { RetryPolicy } from "../retry/retry-policy.js";
import { callWithRetries } from "../retry/call-with-retries.js";
import { streamWithRetries } from "../retry/stream-with-retries.js";
import { toOpenAiMessages, toOpenAiTools } from "./to-openai-messages.js";

/** Options of `createOpenAiProvider`. */
export interface OpenAiProviderOptions {
  /** Provider id; `openai` unless this is a compatible server. */
  id?: string;
  /** Name used in messages, e.g. `OpenAI` or `Ollama`. */
  vendorName?: string;
  /** The API key; compatible servers such as Ollama may need none. */
  apiKey?: string | undefined;
  /** Default `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** OpenAI wants `max_completion_tokens`; most compatible servers only know `max_tokens`. */
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

const FINISH_REASONS = new Set<string>(["stop", "length", "tool_calls", "content_filter"]);

/** The SDK's finish reason in our vocabulary (`function_call` is the legacy `tool_calls`). */
function toFinishReason(reason: string): FinishReason {
  if (reason === "function_call") return "tool_calls";
  return FINISH_REASONS.has(reason) ? (reason as FinishReason) : "stop";
}

function toParams(
  request: ModelRequest,
  maxTokensField: "max_completion_tokens" | "max_tokens",
): ChatCompletionCreateParamsStreaming {
  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: toOpenAiMessages(toConversation(request), request.acceptsImages ?? true),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.temperature != null) params.temperature = request.temperature;
  if (request.stop_sequences?.length) params.stop = request.stop_sequences;
  if (request.maxTokens != null) params[maxTokensField] = request.maxTokens;
  if (request.tools?.length) params.tools = toOpenAiTools(request.tools);
  return params;
}

/**
 * A provider for OpenAI's chat completions, and for servers that speak the same API (Ollama,
 * vLLM, llama.cpp, OpenRouter, Groq). Tool-call deltas pass through as OpenAI sends them.
 */
export function createOpenAiProvider(options: OpenAiProviderOptions = {}): ModelProvider {
  const id = options.id ?? "openai";
  const vendorName = options.vendorName ?? "OpenAI";
  const maxTokensField = options.maxTokensField ?? "max_completion_tokens";
  const policy = resolveRetryPolicy(options.retry);
  // Everything is passed explicitly so the SDK never reads OPENAI_* from the environment.
  const client = new OpenAI({
    apiKey: options.apiKey ?? "none",
    baseURL: options.baseUrl ?? "https://api.openai.com/v1",
    organization: null,
    project: null,
    maxRetries: 0,
    // A key-less server gets no Authorization header at all.
    ...(options.apiKey === undefined && { defaultHeaders: { Authorization: null } }),
    ...(options.fetch && { fetch: options.fetch }),
  });

  async function* attempt(
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ProviderEvent> {
    let finishReason: FinishReason | undefined;
    let usage: TokenUsage | undefined;
    try {
      const stream = await client.chat.completions.create(toParams(request, maxTokensField), {
        signal,
      });
      for await (const chunk of stream) {
        if (chunk.usage) {
          usage = {
            input_tokens: chunk.usage.prompt_tokens,
            output_tokens: chunk.usage.completion_tokens,
          };
        }
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.delta.content) yield { event: "text", data: { text: choice.delta.content } };
        if (choice.delta.tool_calls?.length) {
          const toolCalls = choice.delta.tool_calls.map((call) => ({
            index: call.index,
            ...(call.id && { id: call.id }),
            ...(call.type && { type: call.type }),
            function: {
              ...(call.function?.name && { name: call.function.name }),
              arguments: call.function?.arguments ?? "",
            },
          }));
          yield chunkEvent(request.model, { tool_calls: toolCalls });
        }
        if (choice.finish_reason) finishReason = toFinishReason(choice.finish_reason);
      }
    } catch (error) {
      throw fromSdkError(error, vendorName, signal);
    }
    if (finishReason === undefined) throw streamEndedEarly(vendorName, signal);
    yield { event: "finish", data: { finish_reason: finishReason } };
    if (usage) yield { event: "usage", data: usage };
  }

  return {
    id,
    vendorName,
    async listModels(signal) {
      try {
        const models = [];
        for await (const model of client.models.list({ signal })) {
          models.push({ id: model.id, providerId: id });
        }
        return models;
      } catch (error) {
        throw fromSdkError(error, vendorName, signal);
      }
    },
    stream(request, signal) {
      return streamWithRetries((attemptSignal) => attempt(request, attemptSignal), policy, signal);
    },
    embed(request, signal) {
      return callWithRetries(
        async (attemptSignal) => {
          try {
            // Floats asked for explicitly: compatible servers do not all speak base64.
            const response = await client.embeddings.create(
              {
                model: request.model,
                input: request.input,
                encoding_format: "float",
                ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
              },
              { signal: attemptSignal },
            );
            const ordered = [...response.data].sort((a, b) => a.index - b.index);
            return {
              vectors: checkedVectors(
                ordered.map((item) => item.embedding),
                request.input.length,
                vendorName,
              ),
              usage: { input_tokens: response.usage?.prompt_tokens ?? 0 },
            };
          } catch (error) {
            throw fromSdkError(error, vendorName, attemptSignal);
          }
        },
        policy,
        signal,
      );
    },
  };
}

/** Options of an OpenAI-compatible server: a name, its base URL and an optional key. */
export interface OpenAiCompatibleProviderOptions {
  /** Provider id and display name, e.g. `Ollama`. */
  name: string;
  /** E.g. `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  apiKey?: string | undefined;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

/** A provider for a server speaking OpenAI's API; its models come from `GET /models`. */
export function createOpenAiCompatibleProvider(
  options: OpenAiCompatibleProviderOptions,
): ModelProvider {
  return createOpenAiProvider({
    ...options,
    id: options.name,
    vendorName: options.name,
    maxTokensField: "max_tokens",
  });
}
