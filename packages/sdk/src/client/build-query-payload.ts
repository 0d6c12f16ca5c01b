import {
  queryRequestSchema,
  type QueryRequest,
  type QueryRequestInput,
  type ToolCallDefinition,
  type ToolDefinition,
  type ToolResultDefinition,
} from "@parlor/protocol";

/** Tool fields that override the request's own when given. */
export interface ToolFields {
  tools?: ToolDefinition[] | undefined;
  toolCalls?: ToolCallDefinition[] | undefined;
  toolResults?: ToolResultDefinition[] | undefined;
}

/**
 * The body of a bot query, as fastapi_poe sends it: the request with every field present
 * (defaults filled in, unknown fields dropped) and the tool fields set when given.
 */
export function buildQueryPayload(
  request: QueryRequest | QueryRequestInput,
  fields: ToolFields = {},
): QueryRequest {
  return queryRequestSchema.parse({
    ...request,
    tools: fields.tools ?? request.tools,
    tool_calls: fields.toolCalls ?? request.tool_calls,
    tool_results: fields.toolResults ?? request.tool_results,
  });
}
