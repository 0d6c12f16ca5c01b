import { describe, expect, it } from "vitest";
import { reportReactionRequestSchema } from "./report-reaction-request.js";

const reaction = {
  version: "1.2",
  type: "report_reaction",
  message_id: "m-1",
  user_id: "u-1",
  conversation_id: "c-1",
  reaction: "heart",
};

describe("reportReactionRequestSchema", () => {
  it("parses a documented reaction", () => {
    expect(reportReactionRequestSchema.parse(reaction)).toEqual(reaction);
  });

  it("accepts an unknown reaction for the bot to ignore", () => {
    expect(reportReactionRequestSchema.parse({ ...reaction, reaction: "rocket" }).reaction).toBe(
      "rocket",
    );
  });

  it("requires the reaction", () => {
    const { reaction: _reaction, ...withoutReaction } = reaction;
    expect(reportReactionRequestSchema.safeParse(withoutReaction).success).toBe(false);
  });
});
