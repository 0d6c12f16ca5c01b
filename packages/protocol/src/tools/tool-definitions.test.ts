import { describe, expect, it } from "vitest";
import {
  customCallDefinitionSchema,
  customToolDefinitionSchema,
  toolCallDefinitionDeltaSchema,
  toolCallDefinitionSchema,
  toolDefinitionSchema,
  toolResultDefinitionSchema,
} from "./tool-definitions.js";

describe("toolDefinitionSchema", () => {
  const weatherTool = {
    type: "function",
    function: {
      name: "get_current_weather",
      description: "Get the current weather in a given location",
      parameters: {
        type: "object",
        properties: {
          location: { type: "string", description: "The city, e.g. San Francisco, CA" },
          unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        },
        required: ["location"],
        additionalProperties: false,
      },
    },
  };

  it("keeps every JSON Schema keyword of the parameters", () => {
    expect(toolDefinitionSchema.parse(weatherTool)).toEqual(weatherTool);
  });

  it("drops unknown keys outside the parameters, as fastapi_poe does", () => {
    const parsed = toolDefinitionSchema.parse({
      ...weatherTool,
      function: { ...weatherTool.function, strict: true },
    });
    expect(parsed.function).not.toHaveProperty("strict");
  });

  it("accepts a missing or null description", () => {
    const { description: _description, ...withoutDescription } = weatherTool.function;
    expect(
      toolDefinitionSchema.safeParse({ ...weatherTool, function: withoutDescription }).success,
    ).toBe(true);
    const withNull = { ...weatherTool.function, description: null };
    expect(toolDefinitionSchema.safeParse({ ...weatherTool, function: withNull }).success).toBe(
      true,
    );
  });

  it("requires the parameters' type and properties", () => {
    const parameters = { required: ["location"] };
    const broken = { ...weatherTool, function: { ...weatherTool.function, parameters } };
    expect(toolDefinitionSchema.safeParse(broken).success).toBe(false);
  });
});

describe("toolCallDefinitionSchema", () => {
  it("requires arguments as a JSON string, not an object", () => {
    const call = { id: "call_1", type: "function", function: { name: "f", arguments: "{}" } };
    expect(toolCallDefinitionSchema.parse(call)).toEqual(call);
    const objectArguments = { ...call, function: { name: "f", arguments: {} } };
    expect(toolCallDefinitionSchema.safeParse(objectArguments).success).toBe(false);
  });
});

describe("toolCallDefinitionDeltaSchema", () => {
  it("defaults index to 0 and lets a later fragment carry only arguments", () => {
    expect(toolCallDefinitionDeltaSchema.parse({ function: { arguments: '{"ci' } })).toEqual({
      index: 0,
      function: { arguments: '{"ci' },
    });
  });

  it("keeps the first fragment's id, type and name", () => {
    const first = {
      index: 1,
      id: "call_2",
      type: "function",
      function: { name: "get_weather", arguments: "" },
    };
    expect(toolCallDefinitionDeltaSchema.parse(first)).toEqual(first);
  });

  it("requires arguments", () => {
    expect(toolCallDefinitionDeltaSchema.safeParse({ function: { name: "f" } }).success).toBe(
      false,
    );
  });
});

describe("toolResultDefinitionSchema", () => {
  it("parses a result", () => {
    const result = { role: "tool", name: "f", tool_call_id: "call_1", content: '{"ok":true}' };
    expect(toolResultDefinitionSchema.parse(result)).toEqual(result);
  });

  it("requires tool_call_id", () => {
    expect(
      toolResultDefinitionSchema.safeParse({ role: "tool", name: "f", content: "" }).success,
    ).toBe(false);
  });
});

describe("custom tools", () => {
  it("round-trips format and input under their wire names", () => {
    const tool = { name: "sql", description: "Run SQL", format: { type: "text" } };
    expect(JSON.parse(JSON.stringify(customToolDefinitionSchema.parse(tool)))).toEqual(tool);
    const call = { name: "sql", input: "SELECT 1" };
    expect(JSON.parse(JSON.stringify(customCallDefinitionSchema.parse(call)))).toEqual(call);
  });

  it("requires a call's input", () => {
    expect(customCallDefinitionSchema.safeParse({ name: "sql" }).success).toBe(false);
  });
});
