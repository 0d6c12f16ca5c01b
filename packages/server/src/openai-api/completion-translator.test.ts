import { describe, expect, it } from "vitest";
import { createCompletionTranslator } from "./completion-translator.js";

describe("createCompletionTranslator", () => {
  it("appends text, extends on replace_response, and links files", () => {
    const translator = createCompletionTranslator(false);
    expect(translator.translate({ event: "text", data: { text: "Thinking" } })).toEqual({
      content: "Thinking",
    });
    expect(
      translator.translate({ event: "replace_response", data: { text: "Thinking…done" } }),
    ).toEqual({
      content: "…done",
    });
    expect(translator.translate({ event: "replace_response", data: { text: "Answer" } })).toEqual({
      content: "\n\nAnswer",
    });
    translator.translate({
      event: "file",
      data: {
        url: "https://x/cat.png",
        content_type: "image/png",
        name: "cat.png",
        inline_ref: null,
      },
    });
    expect(
      translator.translate({ event: "suggested_reply", data: { text: "More" } }),
    ).toBeUndefined();
    expect(translator.content()).toBe("Answer\n\n![cat.png](https://x/cat.png)");
  });

  it("collects tool calls and, with tools, content from a model bot's json chunks", () => {
    const translator = createCompletionTranslator(true);
    const chunk = (delta: unknown) => ({ event: "json" as const, data: { choices: [{ delta }] } });
    expect(translator.translate(chunk({ content: "Let me check. " }))).toEqual({
      content: "Let me check. ",
    });
    expect(
      translator.translate(
        chunk({
          tool_calls: [
            { index: 0, id: "c1", type: "function", function: { name: "f", arguments: '{"a"' } },
          ],
        }),
      ),
    ).toEqual({
      tool_calls: [
        { index: 0, id: "c1", type: "function", function: { name: "f", arguments: '{"a"' } },
      ],
    });
    translator.translate(chunk({ tool_calls: [{ index: 0, function: { arguments: ":1}" } }] }));
    expect(translator.toolCalls()).toEqual([
      { id: "c1", type: "function", function: { name: "f", arguments: '{"a":1}' } },
    ]);
    expect(translator.content()).toBe("Let me check. ");
  });
});
