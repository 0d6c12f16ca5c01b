import type { ToolDefinition } from "@parlor/sdk";

/** What the model is told about the tools, as OpenAI-style function definitions. */
export const tools: ToolDefinition[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Get the current weather in a city.",
      parameters: {
        type: "object",
        properties: { city: { type: "string", description: "The city, e.g. Paris" } },
        required: ["city"],
      },
    },
  },
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

// Canned data: the example shows the tool plumbing, not a weather service.
const WEATHER: Record<string, { temperature_c: number; conditions: string }> = {
  paris: { temperature_c: 18, conditions: "sunny" },
  london: { temperature_c: 12, conditions: "light rain" },
  tokyo: { temperature_c: 24, conditions: "cloudy" },
};

/** The current weather in a city (canned), or an error the model can pass on. */
function getWeather({ city }: { city: string }) {
  const weather = WEATHER[String(city).toLowerCase()];
  return weather ? { city, ...weather } : { city, error: "No weather data for this city" };
}

/** The sum of two numbers; arguments come from a model, so strings such as "2" are accepted. */
function add({ a, b }: { a: number; b: number }) {
  return Number(a) + Number(b);
}

/** The functions that run the tools, keyed by the names the model calls them by. */
export const toolExecutables = { get_weather: getWeather, add };
