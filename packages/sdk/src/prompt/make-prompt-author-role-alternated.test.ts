import type { Attachment, ProtocolMessage } from "@parlor/protocol";
import { describe, expect, it } from "vitest";
import { makePromptAuthorRoleAlternated } from "./make-prompt-author-role-alternated.js";

function message(
  fields: Pick<ProtocolMessage, "role" | "content"> & Partial<ProtocolMessage>,
): ProtocolMessage {
  return {
    message_type: null,
    sender_id: null,
    sender: null,
    parameters: {},
    content_type: "text/markdown",
    timestamp: 0,
    message_id: "",
    feedback: [],
    attachments: [],
    metadata: null,
    referenced_message: null,
    reactions: [],
    ...fields,
  };
}

function textFile(name: string, parsedContent: string): Attachment {
  return {
    url: `https://pfst.cf2.poecdn.net/base/text/${name}`,
    name,
    content_type: "text/plain",
    inline_ref: null,
    parsed_content: parsedContent,
  };
}

describe("makePromptAuthorRoleAlternated", () => {
  it("merges consecutive same-role messages, later attachments first", () => {
    const messages = [
      message({
        role: "user",
        content: "Hello, world!",
        attachments: [textFile("test.txt", "Hello, world!")],
      }),
      message({
        role: "user",
        content: "Hello, world!",
        attachments: [textFile("test2.txt", "Bye!")],
      }),
      message({ role: "bot", content: "Hello, world!" }),
    ];
    expect(makePromptAuthorRoleAlternated(messages)).toEqual([
      message({
        role: "user",
        content: "Hello, world!\n\nHello, world!",
        attachments: [textFile("test2.txt", "Bye!"), textFile("test.txt", "Hello, world!")],
      }),
      message({ role: "bot", content: "Hello, world!" }),
    ]);
  });

  it("keeps one copy of an attachment shared by merged messages and the rest of the first message", () => {
    const shared = textFile("shared.txt", "same");
    const messages = [
      message({ role: "user", content: "a", message_id: "m-a", attachments: [shared] }),
      message({
        role: "user",
        content: "b",
        message_id: "m-b",
        attachments: [textFile("b.txt", "b"), shared],
      }),
      message({ role: "user", content: "c", message_id: "m-c" }),
    ];
    const [merged, ...rest] = makePromptAuthorRoleAlternated(messages);
    expect(rest).toEqual([]);
    expect(merged?.content).toBe("a\n\nb\n\nc");
    expect(merged?.message_id).toBe("m-a");
    expect(merged?.attachments.map((attachment) => attachment.name)).toEqual([
      "b.txt",
      "shared.txt",
    ]);
  });

  it("leaves already alternating messages and the input untouched", () => {
    const messages = [
      message({ role: "system", content: "be brief" }),
      message({ role: "user", content: "hi", attachments: [textFile("x.txt", "x")] }),
      message({ role: "user", content: "there" }),
      message({ role: "bot", content: "hello" }),
    ];
    const snapshot = structuredClone(messages);
    const result = makePromptAuthorRoleAlternated(messages);
    expect(messages).toEqual(snapshot);
    expect(result.map((entry) => entry.role)).toEqual(["system", "user", "bot"]);
    expect(makePromptAuthorRoleAlternated([])).toEqual([]);
  });
});
