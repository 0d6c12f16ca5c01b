import { describe, expect, it } from "vitest";
import { message, sampleRequest } from "../testing/sample-requests.js";
import { toConversation, userText } from "./conversation.js";

describe("toConversation", () => {
  it("joins system messages, ignores unknown roles and keeps the tool loop's messages", () => {
    const call = { id: "c1", type: "function", function: { name: "f", arguments: "{}" } };
    const result = { role: "tool", name: "f", tool_call_id: "c1", content: "1" };
    const conversation = toConversation(
      sampleRequest("m", {
        query: [
          message({ role: "system", content: "Rule one." }),
          message({ role: "system", content: "Rule two." }),
          message({ role: "user", content: "Hi" }),
          message({ role: "moderator", content: "ignored" }),
          message({ role: "bot", message_type: "function_call", content: JSON.stringify([call]) }),
          message({ role: "tool", content: JSON.stringify([result]) }),
        ],
      }),
    );
    expect(conversation.system).toBe("Rule one.\n\nRule two.");
    expect(conversation.turns.map((turn) => turn.role)).toEqual(["user", "assistant", "tool"]);
    expect(conversation.turns[1]).toEqual({ role: "assistant", text: "", toolCalls: [call] });
    expect(conversation.turns[2]).toEqual({ role: "tool", results: [result] });
  });

  it("reads a malformed tool message as no calls rather than failing the reply", () => {
    const conversation = toConversation(
      sampleRequest("m", {
        query: [message({ role: "bot", message_type: "function_call", content: "not json" })],
      }),
    );
    expect(conversation.turns).toEqual([{ role: "assistant", text: "", toolCalls: [] }]);
  });

  it("gives a model without vision the images' parsed text, and always the files' text", () => {
    const image = {
      url: "https://files.test/cat.png",
      content_type: "image/png",
      name: "cat.png",
      inline_ref: null,
      parsed_content: "cat.png***A grey cat",
    };
    const file = {
      ...image,
      content_type: "text/plain",
      name: "notes.txt",
      parsed_content: "milk",
    };
    const turn = { text: "Look", attachments: [image, file] };
    expect(userText(turn, true)).toBe("Look\n\nnotes.txt:\nmilk");
    expect(userText(turn, false)).toBe(
      "Look\n\ncat.png:\ncat.png***A grey cat\n\nnotes.txt:\nmilk",
    );
  });
});
