import type { QueryRequest } from "@parlor/protocol";
import type { ModelRequest } from "@parlor/providers";

/** `max_tokens` (or `max_completion_tokens`) from `extra_params`, when a positive integer. */
function maxTokensOf(request: QueryRequest): number | null {
  const extra = request.extra_params ?? {};
  const value = extra.max_tokens ?? extra.max_completion_tokens;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

/** The part of a Poe query a vendor model answers, for the model `modelId`. */
export function toModelRequest(
  request: QueryRequest,
  modelId: string,
  acceptsImages: boolean,
): ModelRequest {
  return {
    model: modelId,
    query: request.query,
    tools: request.tools,
    tool_calls: request.tool_calls,
    tool_results: request.tool_results,
    temperature: request.temperature,
    stop_sequences: request.stop_sequences,
    maxTokens: maxTokensOf(request),
    acceptsImages,
  };
}
