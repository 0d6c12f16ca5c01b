import { describe, expect, it } from "vitest";
import type { Bot } from "../api/types.js";
import { leadingMention, mentionBeingTyped, mentionOptions } from "./leading-mention.js";

const bot = (handle: string, display_name = handle) => ({ handle, display_name }) as Bot;

describe("mentions in the composer", () => {
  it("knows a mention is being typed only at the start, before any space", () => {
    expect(mentionBeingTyped("@", 1)).toBe("");
    expect(mentionBeingTyped("@cla", 4)).toBe("cla");
    expect(mentionBeingTyped("@claude hi", 10)).toBeNull();
    expect(mentionBeingTyped("@claude hi", 3)).toBe("cl");
    expect(mentionBeingTyped("hi @cla", 7)).toBeNull();
  });

  it("reads the handle a message is for, as the platform does", () => {
    expect(leadingMention("@Llama-3.1-8B. Explain")).toBe("Llama-3.1-8B");
    expect(leadingMention(" @echo")).toBeNull();
  });

  it("offers bots whose handle or name starts with the text first", () => {
    const bots = [bot("gpt-4o", "GPT-4o"), bot("my-claude", "Helper"), bot("claude-sonnet-4")];
    expect(mentionOptions(bots, "cla").map((b) => b.handle)).toEqual([
      "claude-sonnet-4",
      "my-claude",
    ]);
    expect(mentionOptions(bots, "help").map((b) => b.handle)).toEqual(["my-claude"]);
    expect(mentionOptions(bots, "")).toHaveLength(3);
  });
});
