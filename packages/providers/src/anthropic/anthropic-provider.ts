import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsStreaming } from "@anthropic-ai/sdk/resources/messages";
import { toConversation } from "../internal/conversation.js";
import { fromSdkError } from "../internal/sdk-error.js";
import { streamEndedEarly } from "../internal/stream-ended-early.js";
import type { ModelProvider, ModelRequest, ProviderEvent } from "../model-provider.js";
import { resolveRetryPolicy } from "../retry/resolve-retry-policy.js";
import type { RetryPolicy } from "../retry/retry-policy.js";
import { streamWithRetries } from "../retry/stream-with-retries.js";
import { AnthropicStreamMapper } from "./anthropic-stream-mapper.js";
import { toAnthropicMessages, toAnthropicTools } from "./to-anthropic-messages.js";

/** Anthropic requires `max_tokens`; this is used when the request sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** Options of `createAnthropicProvider`. */
export interface AnthropicProviderOptions {
  apiKey: string;
  /** Default `https://api.anthropic.com` (the SDK adds `/v1/messages`). */
  baseUrl?: string;
  /** Default `ANTHROPIC_DEFAULT_MAX_TOKENS`. */
  defaultMaxTokens?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
}

const VENDOR = "Anthropic";

function toParams(request: ModelRequest, defaultMaxTokens: number): MessageCreateParamsStreaming {
  const conversation = toConversation(request);
  const params: MessageCreateParamsStreaming = {
    model: request.model,
    max_tokens: request.maxTokens ?? defaultMaxTokens,
    messages: toAnthropicMessages(conversation, request.acceptsImages ?? true),
    stream: true,
  };
  if (conversation.system !== undefined) params.system = conversation.system;
  // No `temperature`: the Messages API deprecated it and SDK 1.17 no longer has the field.
  if (request.stop_sequences?.length) params.stop_sequences = request.stop_sequences;
  if (request.tools?.length) params.tools = toAnthropicTools(request.tools);
  return params;
}

/** A provider for Anthropic's Messages API. */
export function createAnthropicProvider(options: AnthropicProviderOptions): ModelProvider {
  const policy = resolveRetryPolicy(options.retry);
  const defaultMaxTokens = options.defaultMaxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS;
  // Key and base URL are passed explicitly so the SDK never reads ANTHROPIC_* variables.
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? "https://api.anthropic.com",
    maxRetries: 0,
    ...(options.fetch && { fetch: options.fetch }),
  });

  async function* attempt(
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ProviderEvent> {
    const mapper = new AnthropicStreamMapper(request.model);
    try {
      const stream = await client.messages.create(toParams(request, defaultMaxTokens), { signal });
      for await (const event of stream) yield* mapper.map(event);
    } catch (error) {
      throw fromSdkError(error, VENDOR, signal);
    }
    if (!mapper.finished) throw streamEndedEarly(VENDOR, signal);
    yield { event: "finish", data: { finish_reason: mapper.finishReason } };
    yield { event: "usage", data: mapper.usage };
  }

  return {
    id: "anthropic",
    vendorName: VENDOR,
    async listModels(signal) {
      try {
        const models = [];
        for await (const model of client.models.list({}, { signal })) {
          models.push({ id: model.id, displayName: model.display_name, providerId: "anthropic" });
        }
        return models;
      } catch (error) {
        throw fromSdkError(error, VENDOR, signal);
      }
    },
    stream(request, signal) {
      return streamWithRetries((attemptSignal) => attempt(request, attemptSignal), policy, signal);
    },
  };
}
