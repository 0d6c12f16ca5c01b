import {
  protocolMessageSchema,
  type ProtocolMessage,
  type QueryRequest,
  type QueryRequestInput,
  type ToolCallDefinitionDelta,
  type ToolDefinition,
} from "@parlor/protocol";
import { BotError } from "../errors.js";
import { aggregateToolCallDeltas } from "./aggregate-tool-call-deltas.js";
import { buildQueryPayload } from "./build-query-payload.js";
import type { PartialResponse } from "./partial-response.js";
import { runToolCalls, type ToolExecutables } from "./run-tool-calls.js";
import { streamRequestBase, type QueryOptions } from "./stream-request-base.js";

/** Options of `runToolLoop`. */
export interface RunToolLoopOptions extends Omit<
  QueryOptions,
  "tools" | "toolCalls" | "toolResults"
> {
  request: QueryRequest | QueryRequestInput;
  botName: string;
  apiKey: string;
  tools: ToolDefinition[];
  executables: ToolExecutables;
  /** The most bot calls to make; a model still calling tools after that many is an error. */
  maxCalls?: number;
  /**
   * Receives the two messages added to the conversation after each round of tool calls, so a
   * bot can keep the tool history (e.g. in its `data` metadata), which Poe does not store.
   */
  onToolMessages?: (messages: ProtocolMessage[]) => void;
}

/**
 * Lets a model use tools until it answers (the loop style of reference §6): calls the bot with
 * `tools`, streams its text to the caller, runs the tool calls it makes, appends them and their
 * results to the conversation (a `function_call` bot message and a `tool` message) and calls
 * again. Works on a copy of the request; throws `BotError` after `maxCalls` calls.
 */
export async function* runToolLoop(options: RunToolLoopOptions): AsyncGenerator<PartialResponse> {
  const {
    request,
    botName,
    apiKey,
    tools,
    executables,
    maxCalls = 10,
    onToolMessages,
    ...queryOptions
  } = options;
  const current = buildQueryPayload(request, { tools });
  current.query = [...current.query];
  for (let call = 0; call < maxCalls; call += 1) {
    const deltas: ToolCallDefinitionDelta[] = [];
    for await (const response of streamRequestBase(current, botName, apiKey, queryOptions)) {
      if (response.toolCalls.length > 0) deltas.push(...response.toolCalls);
      else yield response;
    }
    const toolCalls = aggregateToolCallDeltas(deltas);
    if (toolCalls.length === 0) return;
    const toolResults = await runToolCalls(toolCalls, executables);
    const added = [
      protocolMessageSchema.parse({
        role: "bot",
        message_type: "function_call",
        content: JSON.stringify(toolCalls),
      }),
      protocolMessageSchema.parse({ role: "tool", content: JSON.stringify(toolResults) }),
    ];
    current.query.push(...added);
    onToolMessages?.(added);
  }
  throw new BotError(`Bot ${botName} still called tools after ${maxCalls} calls`);
}
