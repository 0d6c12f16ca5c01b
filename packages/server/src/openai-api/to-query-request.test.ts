import { describe, expect, it } from "vitest";
import { parseChatCompletionRequest } from "./chat-completion-request.js";
import { toQueryRequest } from "./to-query-request.js";

const ids = { userId: "u-1", conversationId: "c-1", messageId: "m-1", botQueryId: "q-1" };

describe("toQueryRequest", () => {
  it("maps OpenAI roles, tool calls and tool results to protocol messages", () => {
    const call = { id: "call_1", type: "function", function: { name: "weather", arguments: "{}" } };
    const request = toQueryRequest(
      parseChatCompletionRequest({
        model: "gpt",
        messages: [
          { role: "developer", content: "Rules." },
          { role: "user", content: [{ type: "text", text: "Weather?" }] },
          { role: "assistant", content: null, tool_calls: [call] },
          { role: "tool", tool_call_id: "call_1", content: "sunny" },
          { role: "assistant", content: "It is sunny." },
        ],
        temperature: 0.5,
        stop: "END",
        tools: [{ type: "function", function: { name: "weather" } }],
      }),
      ids,
    );
    expect(request.query.map((m) => [m.role, m.message_type, m.content])).toEqual([
      ["system", null, "Rules."],
      ["user", null, "Weather?"],
      ["bot", "function_call", JSON.stringify([call])],
      [
        "tool",
        null,
        JSON.stringify([
          { role: "tool", name: "weather", tool_call_id: "call_1", content: "sunny" },
        ]),
      ],
      ["bot", null, "It is sunny."],
    ]);
    expect(request).toMatchObject({
      user_id: "u-1",
      message_id: "m-1",
      bot_query_id: "q-1",
      temperature: 0.5,
      stop_sequences: ["END"],
      tools: [
        {
          type: "function",
          function: { name: "weather", parameters: { type: "object", properties: {} } },
        },
      ],
    });
  });

  it("refuses content parts other than text, naming the part", () => {
    expect(() =>
      toQueryRequest(
        parseChatCompletionRequest({
          model: "gpt",
          messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }],
        }),
        ids,
      ),
    ).toThrow("Only text content parts are supported, not 'image_url'");
  });
});
