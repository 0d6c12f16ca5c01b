import { z } from "zod";
import { openEnum } from "../requests/open-enum.js";

/**
 * OpenAI-style tool definitions as Poe carries them (reference §6). Optional fields are also
 * nullable because fastapi_poe serialises unset ones as `null`.
 */

/** A JSON Schema object; every keyword is kept since JSON Schema has far more than we name. */
const toolParametersSchema = z.looseObject({
  type: z.string(),
  properties: z.record(z.string(), z.unknown()),
  required: z.array(z.string()).nullish(),
});

/** A function the called model may choose to call, sent in `QueryRequest.tools`. */
export const toolDefinitionSchema = z.object({
  type: openEnum(["function"]),
  function: z.object({
    name: z.string(),
    description: z.string().nullish(),
    parameters: toolParametersSchema,
  }),
});

/** A complete tool call the model made; `arguments` is a JSON-encoded string. */
export const toolCallDefinitionSchema = z.object({
  id: z.string(),
  type: openEnum(["function"]),
  function: z.object({
    name: z.string(),
    arguments: z.string(),
  }),
});

/**
 * One streamed fragment of a tool call. Fragments share an `index`; only the first of an index
 * carries `id`, `type` and `function.name`, later ones add pieces of `function.arguments`.
 */
export const toolCallDefinitionDeltaSchema = z.object({
  index: z.number().int().default(0),
  id: z.string().nullish(),
  type: openEnum(["function"]).nullish(),
  function: z.object({
    name: z.string().nullish(),
    arguments: z.string(),
  }),
});

/** The result of running one tool call, sent back in `QueryRequest.tool_results`. */
export const toolResultDefinitionSchema = z.object({
  role: openEnum(["tool"]),
  name: z.string(),
  tool_call_id: z.string(),
  /** The tool's result, JSON-encoded by the caller. */
  content: z.string(),
});

/** An OpenAI "custom tool" taking free-form text input (no protocol use yet). */
export const customToolDefinitionSchema = z.object({
  name: z.string(),
  description: z.string().nullish(),
  /** How the input is constrained, e.g. `{type: "text"}` or a grammar. */
  format: z.record(z.string(), z.unknown()).nullish(),
});

/** A call of a custom tool with its free-form input. */
export const customCallDefinitionSchema = z.object({
  name: z.string(),
  input: z.string(),
});

/** A tool definition, as parsed. */
export type ToolDefinition = z.output<typeof toolDefinitionSchema>;
/** A complete tool call, as parsed. */
export type ToolCallDefinition = z.output<typeof toolCallDefinitionSchema>;
/** A streamed tool-call fragment, as parsed (`index` defaults to 0). */
export type ToolCallDefinitionDelta = z.output<typeof toolCallDefinitionDeltaSchema>;
/** A tool result, as parsed. */
export type ToolResultDefinition = z.output<typeof toolResultDefinitionSchema>;
/** A custom tool definition, as parsed. */
export type CustomToolDefinition = z.output<typeof customToolDefinitionSchema>;
/** A custom tool call, as parsed. */
export type CustomCallDefinition = z.output<typeof customCallDefinitionSchema>;
