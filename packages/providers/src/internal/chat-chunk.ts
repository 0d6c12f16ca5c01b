import type { ToolCallDefinitionDelta } from "@parlor/protocol";
import type { ChatCompletionChunk, FinishReason, ProviderEvent } from "../model-provider.js";

/** A `json` event carrying one OpenAI-style chunk with the given delta. */
export function chunkEvent(
  model: string,
  delta: ChatCompletionChunk["choices"][number]["delta"],
  finishReason: FinishReason | null = null,
): ProviderEvent {
  return {
    event: "json",
    data: {
      object: "chat.completion.chunk",
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    },
  };
}

/** A `json` event with the first fragment of tool call `index`: its id, name and arguments. */
export function toolCallStartEvent(
  model: string,
  index: number,
  id: string,
  name: string,
  args = "",
): ProviderEvent {
  const toolCall: ToolCallDefinitionDelta = {
    index,
    id,
    type: "function",
    function: { name, arguments: args },
  };
  return chunkEvent(model, { role: "assistant", tool_calls: [toolCall] });
}

/** A `json` event adding a fragment of tool call `index`'s JSON arguments. */
export function toolCallArgumentsEvent(model: string, index: number, args: string): ProviderEvent {
  return chunkEvent(model, { tool_calls: [{ index, function: { arguments: args } }] });
}
