import type { ToolCallDefinition, ToolCallDefinitionDelta } from "@parlor/protocol";

/**
 * Assembles streamed tool-call fragments into complete calls, ordered by `index`. The first
 * fragment of an index names the call; later ones append to its arguments. A call whose first
 * fragment lacks `id` or `function.name` cannot be run or answered, so it is dropped whole,
 * as fastapi_poe does.
 */
export function aggregateToolCallDeltas(
  deltas: readonly ToolCallDefinitionDelta[],
): ToolCallDefinition[] {
  // `null` marks an index whose first fragment was unusable, so its later fragments are skipped.
  const calls = new Map<number, ToolCallDefinition | null>();
  for (const delta of deltas) {
    const call = calls.get(delta.index);
    if (call === undefined) {
      const { id, type, function: fn } = delta;
      calls.set(
        delta.index,
        id && fn.name
          ? { id, type: type ?? "function", function: { name: fn.name, arguments: fn.arguments } }
          : null,
      );
    } else if (call !== null) {
      call.function.arguments += delta.function.arguments;
    }
  }
  return [...calls.entries()]
    .sort(([left], [right]) => left - right)
    .flatMap(([, call]) => (call ? [call] : []));
}
