import { describe, expect, it } from "vitest";
import { leadingMention } from "./leading-mention.js";

describe("leadingMention", () => {
  it("reads the handle a message starts with", () => {
    expect(leadingMention("@OtherBot hi")).toEqual(["OtherBot"]);
    expect(leadingMention("@Llama-3.1-8B what is 2+2?")).toEqual(["Llama-3.1-8B"]);
    expect(leadingMention("@claude-sonnet-4\nthoughts?")).toEqual(["claude-sonnet-4"]);
  });

  it("also offers the handle without the punctuation that ends a sentence", () => {
    expect(leadingMention("@GPT-4o, what do you think?")).toEqual(["GPT-4o"]);
    expect(leadingMention("Ask @GPT-4o.")).toEqual([]);
    expect(leadingMention("@Llama-3.1-8B. Explain.")).toEqual(["Llama-3.1-8B.", "Llama-3.1-8B"]);
  });

  it("finds no mention elsewhere than at the very start", () => {
    expect(leadingMention("hi @OtherBot")).toEqual([]);
    expect(leadingMention(" @OtherBot hi")).toEqual([]);
    expect(leadingMention("@ OtherBot")).toEqual([]);
    expect(leadingMention("@-x")).toEqual([]);
    expect(leadingMention("email@example.com")).toEqual([]);
  });
});
