/**
 * @parlor/providers — model vendor adapters. Each `ModelProvider` turns a Poe-protocol query
 * into a call of its vendor's official SDK and streams the answer back as Poe-shaped events
 * (`text`, `json` chunks with OpenAI-style tool-call deltas, `finish`, `usage`), with one retry
 * policy and typed errors. No platform wiring lives here.
 */
export type {
  ChatCompletionChunk,
  EmbeddingRequest,
  EmbeddingResult,
  FinishReason,
  ModelInfo,
  ModelProvider,
  ModelRequest,
  ProviderEvent,
  TokenUsage,
} from "./model-provider.js";
export * from "./provider-errors.js";
export { toBotEvents, type ToBotEventsOptions } from "./to-bot-events.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry/retry-policy.js";
export {
  createOpenAiCompatibleProvider,
  createOpenAiProvider,
  type OpenAiCompatibleProviderOptions,
  type OpenAiProviderOptions,
} from "./openai/openai-provider.js";
export {
  ANTHROPIC_DEFAULT_MAX_TOKENS,
  createAnthropicProvider,
  type AnthropicProviderOptions,
} from "./anthropic/anthropic-provider.js";
export { createGeminiProvider, type GeminiProviderOptions } from "./gemini/gemini-provider.js";
