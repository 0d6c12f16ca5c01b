import { describe, expect, it } from "vitest";
import {
  attachmentSchema,
  messageFeedbackSchema,
  messageReactionSchema,
  protocolMessageSchema,
  senderSchema,
  userSchema,
} from "./protocol-message.js";

describe("senderSchema", () => {
  it("needs no field, and fills both with null", () => {
    expect(senderSchema.parse({})).toEqual({ id: null, name: null });
  });

  it("keeps id and name", () => {
    expect(senderSchema.parse({ id: "u-1", name: "Alice" })).toEqual({ id: "u-1", name: "Alice" });
  });

  it("rejects a non-string name", () => {
    expect(senderSchema.safeParse({ name: 3 }).success).toBe(false);
  });
});

describe("userSchema", () => {
  it("requires id", () => {
    expect(userSchema.safeParse({ name: "Alice" }).success).toBe(false);
  });

  it("defaults name to null", () => {
    expect(userSchema.parse({ id: "u-1" })).toEqual({ id: "u-1", name: null });
  });
});

describe("messageReactionSchema", () => {
  it("requires user_id and reaction", () => {
    expect(messageReactionSchema.safeParse({ user_id: "u-1" }).success).toBe(false);
    expect(messageReactionSchema.safeParse({ reaction: "like" }).success).toBe(false);
  });

  it("accepts any reaction string", () => {
    const reaction = { user_id: "u-1", reaction: "sparkles" };
    expect(messageReactionSchema.parse(reaction)).toEqual(reaction);
  });
});

describe("messageFeedbackSchema", () => {
  it("defaults reason to null and accepts unknown feedback types", () => {
    expect(messageFeedbackSchema.parse({ type: "meh" })).toEqual({ type: "meh", reason: null });
  });

  it("requires type", () => {
    expect(messageFeedbackSchema.safeParse({ reason: "slow" }).success).toBe(false);
  });
});

describe("attachmentSchema", () => {
  it("defaults inline_ref and parsed_content to null", () => {
    const attachment = { url: "https://x/a.pdf", content_type: "application/pdf", name: "a.pdf" };
    expect(attachmentSchema.parse(attachment)).toEqual({
      ...attachment,
      inline_ref: null,
      parsed_content: null,
    });
  });

  it("requires url, content_type and name", () => {
    expect(attachmentSchema.safeParse({ url: "https://x/a", name: "a" }).success).toBe(false);
  });
});

describe("protocolMessageSchema", () => {
  it("applies every wire default to a minimal message", () => {
    expect(protocolMessageSchema.parse({ role: "user", content: "hello" })).toEqual({
      role: "user",
      message_type: null,
      sender_id: null,
      sender: null,
      content: "hello",
      parameters: {},
      content_type: "text/markdown",
      timestamp: 0,
      message_id: "",
      feedback: [],
      attachments: [],
      metadata: null,
      referenced_message: null,
      reactions: [],
    });
  });

  it("accepts a message with or without a sender", () => {
    expect(protocolMessageSchema.parse({ role: "bot", content: "", sender: null }).sender).toBe(
      null,
    );
    const withSender = protocolMessageSchema.parse({
      role: "bot",
      content: "hi",
      sender: { name: "EchoBot" },
    });
    expect(withSender.sender).toEqual({ id: null, name: "EchoBot" });
  });

  it("parses nested referenced messages with their own defaults", () => {
    const message = protocolMessageSchema.parse({
      role: "user",
      content: "and this?",
      referenced_message: {
        role: "bot",
        content: "first answer",
        referenced_message: { role: "user", content: "first question", message_id: "m-1" },
      },
    });
    expect(message.referenced_message?.content).toBe("first answer");
    expect(message.referenced_message?.referenced_message?.message_id).toBe("m-1");
    expect(message.referenced_message?.referenced_message?.referenced_message).toBe(null);
    expect(message.referenced_message?.attachments).toEqual([]);
  });

  it("rejects an invalid nested referenced message", () => {
    const result = protocolMessageSchema.safeParse({
      role: "user",
      content: "x",
      referenced_message: { role: "bot" },
    });
    expect(result.success).toBe(false);
  });

  it("parses reactions", () => {
    const message = protocolMessageSchema.parse({
      role: "bot",
      content: "joke",
      reactions: [
        { user_id: "u-1", reaction: "laughing" },
        { user_id: "u-2", reaction: "heart" },
      ],
    });
    expect(message.reactions.map((reaction) => reaction.reaction)).toEqual(["laughing", "heart"]);
  });

  it("accepts unknown roles and content types unchanged, for the receiver to ignore", () => {
    const message = protocolMessageSchema.parse({
      role: "narrator",
      content: "<p>x</p>",
      content_type: "text/html",
    });
    expect(message.role).toBe("narrator");
    expect(message.content_type).toBe("text/html");
  });

  it("drops unknown fields instead of rejecting the message", () => {
    const message = protocolMessageSchema.parse({ role: "user", content: "x", mood: "happy" });
    expect(message).not.toHaveProperty("mood");
  });

  it("keeps submitted parameters as given", () => {
    const parameters = { style: "GENERAL", creativity: 0.4, nested: { on: true } };
    const message = protocolMessageSchema.parse({ role: "user", content: "x", parameters });
    expect(message.parameters).toEqual(parameters);
  });

  it("requires role and content", () => {
    expect(protocolMessageSchema.safeParse({ role: "user" }).success).toBe(false);
    expect(protocolMessageSchema.safeParse({ content: "x" }).success).toBe(false);
  });

  it("does not share default arrays between messages", () => {
    const first = protocolMessageSchema.parse({ role: "user", content: "a" });
    const second = protocolMessageSchema.parse({ role: "user", content: "b" });
    first.attachments.push({
      url: "u",
      content_type: "text/plain",
      name: "n",
      inline_ref: null,
      parsed_content: null,
    });
    expect(second.attachments).toEqual([]);
  });
});
