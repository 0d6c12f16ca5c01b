import type { ToolCallDefinition, ToolResultDefinition } from "@parlor/protocol";
import { BotErrorNoRetry } from "../errors.js";

/**
 * A function the model may call. It gets the call's JSON arguments as one object (Python's
 * keyword arguments) and may be async; its result is JSON-encoded for the model.
 */
// `any` so functions declaring their own argument shape, e.g. `({ city }: { city: string })`,
// are accepted; the arguments come from the model and are untyped anyway.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ToolExecutable = (args: any) => unknown;

/** Tool functions by name, or named functions (matched by `Function.name`, like `__name__`). */
export type ToolExecutables = Readonly<Record<string, ToolExecutable>> | readonly ToolExecutable[];

function isList(executables: ToolExecutables): executables is readonly ToolExecutable[] {
  return Array.isArray(executables);
}

function findExecutable(executables: ToolExecutables, name: string): ToolExecutable | undefined {
  if (isList(executables)) return executables.find((executable) => executable.name === name);
  return Object.hasOwn(executables, name)
    ? (executables as Record<string, ToolExecutable>)[name]
    : undefined;
}

/**
 * Runs each call with its executable, in order, and returns the results to send back. A call
 * of an unknown tool or with arguments that are not JSON fails the whole run.
 */
export async function runToolCalls(
  calls: readonly ToolCallDefinition[],
  executables: ToolExecutables,
): Promise<ToolResultDefinition[]> {
  const results: ToolResultDefinition[] = [];
  for (const call of calls) {
    const name = call.function.name;
    const executable = findExecutable(executables, name);
    if (!executable) throw new BotErrorNoRetry(`The model called unknown tool ${name}`);
    let args: unknown;
    try {
      args = call.function.arguments === "" ? {} : JSON.parse(call.function.arguments);
    } catch (error) {
      throw new BotErrorNoRetry(`The model called ${name} with arguments that are not JSON`, {
        cause: error,
      });
    }
    const content: unknown = await executable(args);
    // `JSON.stringify` gives undefined for functions and undefined; the model should see null.
    results.push({
      role: "tool",
      name,
      tool_call_id: call.id,
      content: JSON.stringify(content) ?? "null",
    });
  }
  return results;
}
