import type { ToolDefinition } from "@parlor/sdk";

/** What the model is told about the tools, as OpenAI-style function definitions. */
export const tools: ToolDefinition[] = [
  {
    type: "function",
    function: {
      name: "add",
      description: "Add two numbers.",
      parameters: {
        type: "object",
        properties: { a: { type: "number" }, b: { type: "number" } },
        required: ["a", "b"],
      },
    },
  },
];

/** The functions that run the tools, by the names the model calls them; add your own here. */
export const toolExecutables = {
  // Arguments come from a model, so strings such as "2" are accepted too.
  add: ({ a, b }: { a: number; b: number }) => Number(a) + Number(b),
};
