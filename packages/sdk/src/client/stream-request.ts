import type { QueryRequest, QueryRequestInput, ToolCallDefinitionDelta } from "@parlor/protocol";
import { aggregateToolCallDeltas } from "./aggregate-tool-call-deltas.js";
import type { PartialResponse } from "./partial-response.js";
import { runToolCalls, type ToolExecutables } from "./run-tool-calls.js";
import { streamRequestBase, type QueryOptions } from "./stream-request-base.js";

/** Options of `streamRequest`. */
export interface StreamRequestOptions extends QueryOptions {
  /**
   * Functions to run the tool calls the model makes. With `tools` and these, the call takes
   * two steps: ask the model, run the calls it chose, then ask again with their results.
   * With `tools` alone, the tool-call fragments are yielded (`PartialResponse.toolCalls`) for
   * the caller to run, as in `runToolLoop`.
   */
  toolExecutables?: ToolExecutables;
}

/**
 * Calls a bot on the platform (Poe's bot query API, `POST <baseUrl><botName>`) and yields its
 * reply as it streams. Pass the incoming request to forward it as fastapi_poe does, or build
 * one (see `getBotResponse`). Throws `BotError`, or `BotErrorNoRetry` when trying again cannot
 * help.
 *
 * @example
 * for await (const piece of streamRequest(request, "GPT-5.4", request.access_key)) {
 *   process.stdout.write(piece.text); // suggested replies come in `piece.suggestedReply`
 * }
 */
export async function* streamRequest(
  request: QueryRequest | QueryRequestInput,
  botName: string,
  apiKey: string,
  options: StreamRequestOptions = {},
): AsyncGenerator<PartialResponse> {
  const { toolExecutables, ...queryOptions } = options;
  if (!options.tools || !toolExecutables) {
    yield* streamRequestBase(request, botName, apiKey, queryOptions);
    return;
  }
  const deltas: ToolCallDefinitionDelta[] = [];
  for await (const response of streamRequestBase(request, botName, apiKey, queryOptions)) {
    // What the model says besides its tool calls reaches the caller at once.
    if (response.toolCalls.length > 0) deltas.push(...response.toolCalls);
    else yield response;
  }
  const toolCalls = aggregateToolCallDeltas(deltas);
  // The model answered without tools: its answer was streamed above and a second call would repeat it.
  if (toolCalls.length === 0) return;
  const toolResults = await runToolCalls(toolCalls, toolExecutables);
  yield* streamRequestBase(request, botName, apiKey, { ...queryOptions, toolCalls, toolResults });
}
