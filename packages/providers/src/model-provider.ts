import type {
  ProtocolMessage,
  ToolCallDefinition,
  ToolCallDefinitionDelta,
  ToolDefinition,
  ToolResultDefinition,
} from "@parlor/protocol";

/** A model a provider serves, as its `listModels` reports it. */
export interface ModelInfo {
  /** The vendor's model id, e.g. `gpt-4o` or `claude-sonnet-4-20250514`. */
  id: string;
  /** A human name when the vendor gives one. */
  displayName?: string;
  /** The provider that serves it (`ModelProvider.id`). */
  providerId: string;
}

/**
 * What a provider is asked to answer: the Poe `query` fields that matter to a model (spelled as
 * the protocol spells them, so a parsed `QueryRequest` can be spread in), plus the model id and
 * two settings of the model bot (camelCase: they are ours, not wire fields).
 */
export interface ModelRequest {
  /** The vendor's model id. */
  model: string;
  /** Chat history, oldest first: roles `system`, `user`, `bot` and (tool loop) `tool`. */
  query: ProtocolMessage[];
  tools?: ToolDefinition[] | null;
  /** The model's earlier tool calls (fastapi_poe's 2-step style), answered by `tool_results`. */
  tool_calls?: ToolCallDefinition[] | null;
  tool_results?: ToolResultDefinition[] | null;
  temperature?: number | null;
  stop_sequences?: string[];
  /** Most tokens to generate; each adapter has a default when absent. */
  maxTokens?: number | null;
  /** Whether the model accepts images; when false, image attachments go as their parsed text. */
  acceptsImages?: boolean;
}

/** Tokens the vendor counted for one reply. */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
}

/** Why the model stopped, in OpenAI's vocabulary (what `json` chunk consumers expect). */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/**
 * An OpenAI `chat.completion.chunk` as Poe's model bots send it in `json` events: tool calls
 * arrive as `choices[0].delta.tool_calls` fragments keyed by `index`.
 */
export interface ChatCompletionChunk {
  [field: string]: unknown;
  object: "chat.completion.chunk";
  model: string;
  choices: {
    index: number;
    delta: { role?: "assistant"; content?: string; tool_calls?: ToolCallDefinitionDelta[] };
    finish_reason: FinishReason | null;
  }[];
}

/**
 * One event of a provider's answer, Poe-shaped: `text` deltas, `json` chunks carrying tool-call
 * deltas, then `finish` and (when the vendor counts) `usage` once at the end. Failures are thrown as `ProviderError`.
 */
export type ProviderEvent =
  | { event: "text"; data: { text: string } }
  | { event: "json"; data: ChatCompletionChunk }
  | { event: "usage"; data: TokenUsage }
  | { event: "finish"; data: { finish_reason: FinishReason } };

/** Texts to embed with one embedding model. */
export interface EmbeddingRequest {
  /** The vendor's embedding model id, e.g. `text-embedding-3-small`. */
  model: string;
  /** The texts, each embedded on its own; vectors come back in the same order. */
  input: string[];
  /** Shorter vectors, for models that can give them. */
  dimensions?: number;
}

/** The vectors of an `EmbeddingRequest`, one per input, and the tokens the inputs took. */
export interface EmbeddingResult {
  vectors: number[][];
  usage: { input_tokens: number };
}

/** A model vendor (or an OpenAI-compatible server) the platform can call. */
export interface ModelProvider {
  /** Stable id, e.g. `openai`, `anthropic`, `gemini` or a compatible server's name. */
  readonly id: string;
  /** Vendor name for messages, e.g. `OpenAI`. */
  readonly vendorName: string;
  /** The models the vendor serves to this key. */
  listModels(signal?: AbortSignal): Promise<ModelInfo[]>;
  /** Streams one answer; aborting `signal` aborts the vendor request. */
  stream(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ProviderEvent>;
  /**
   * Embeds texts, for vendors with embedding models (OpenAI and compatible servers, Gemini);
   * absent for those without (Anthropic). Retried and failing as `stream` does.
   */
  embed?(request: EmbeddingRequest, signal?: AbortSignal): Promise<EmbeddingResult>;
}
