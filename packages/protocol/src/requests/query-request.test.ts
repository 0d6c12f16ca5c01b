import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { queryRequestSchema } from "./query-request.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));
}

/** Bodies fastapi_poe's client sent to a stand-in platform, every field serialised. */
function standinBodies(): Record<string, unknown>[] {
  return readFileSync(new URL("standin_requests.jsonl", fixtures), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { body: Record<string, unknown> }).body);
}

const minimal = {
  version: "1.2",
  type: "query",
  query: [{ role: "user", content: "hello" }],
  user_id: "u-1",
  conversation_id: "c-1",
  message_id: "m-1",
};

describe("queryRequestSchema", () => {
  it("parses the recorded platform request and applies fastapi_poe's defaults", () => {
    const request = queryRequestSchema.parse(readJson("query.request.json"));
    expect(request.query[0]?.content).toBe("hello");
    expect(request).toMatchObject({
      user_id: "u-1234",
      metadata: "",
      api_key: "<missing>",
      access_key: "<missing>",
      temperature: null,
      skip_system_prompt: false,
      logit_bias: {},
      stop_sequences: [],
      language_code: "en",
      adopt_current_bot_name: null,
      bot_query_id: "",
      users: [],
      tools: null,
      tool_calls: null,
      tool_results: null,
      query_creation_time: null,
      extra_params: null,
    });
  });

  it("parses fastapi_poe's client bodies into exactly the same fields and values", () => {
    const bodies = standinBodies();
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(queryRequestSchema.parse(body)).toEqual(body);
    }
  });

  it("accepts empty ids, as fastapi_poe's client sends them", () => {
    const request = { ...minimal, user_id: "", conversation_id: "", message_id: "" };
    expect(queryRequestSchema.safeParse(request).success).toBe(true);
  });

  it("parses the users of a multi-user chat", () => {
    const request = queryRequestSchema.parse({
      ...minimal,
      users: [{ id: "u-1", name: "Alice" }, { id: "u-2" }],
    });
    expect(request.users).toEqual([
      { id: "u-1", name: "Alice" },
      { id: "u-2", name: null },
    ]);
  });

  it("rejects a user without an id", () => {
    expect(queryRequestSchema.safeParse({ ...minimal, users: [{ name: "Bob" }] }).success).toBe(
      false,
    );
  });

  it("parses tools, tool calls and tool results", () => {
    const request = queryRequestSchema.parse({
      ...minimal,
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Weather for a city",
            parameters: { type: "object", properties: { city: { type: "string" } } },
          },
        },
      ],
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: { name: "get_weather", arguments: '{"city":"Oslo"}' },
        },
      ],
      tool_results: [
        { role: "tool", name: "get_weather", tool_call_id: "call_1", content: '"rain"' },
      ],
    });
    expect(request.tools?.[0]?.function.name).toBe("get_weather");
    expect(request.tool_calls?.[0]?.function.arguments).toBe('{"city":"Oslo"}');
    expect(request.tool_results?.[0]?.tool_call_id).toBe("call_1");
  });

  it("keeps the given optional values", () => {
    const request = queryRequestSchema.parse({
      ...minimal,
      temperature: 0.3,
      language_code: "fr",
      logit_bias: { "1234": -100 },
      stop_sequences: ["\n\nUser:"],
      query_creation_time: 1733000000000000,
      extra_params: { seed: 7 },
    });
    expect(request).toMatchObject({
      temperature: 0.3,
      language_code: "fr",
      logit_bias: { "1234": -100 },
      stop_sequences: ["\n\nUser:"],
      query_creation_time: 1733000000000000,
      extra_params: { seed: 7 },
    });
  });

  it("drops unknown fields instead of rejecting the request", () => {
    const request = queryRequestSchema.parse({ ...minimal, future_field: { a: 1 } });
    expect(request).not.toHaveProperty("future_field");
  });

  it("rejects a request without query, or with another type", () => {
    const { query: _query, ...withoutQuery } = minimal;
    expect(queryRequestSchema.safeParse(withoutQuery).success).toBe(false);
    expect(queryRequestSchema.safeParse({ ...minimal, type: "settings" }).success).toBe(false);
  });
});
