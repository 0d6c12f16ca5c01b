import { describe, expect, it } from "vitest";
import { reportFeedbackRequestSchema } from "./report-feedback-request.js";

const feedback = {
  version: "1.2",
  type: "report_feedback",
  message_id: "m-1",
  user_id: "u-1",
  conversation_id: "c-1",
  feedback_type: "like",
};

describe("reportFeedbackRequestSchema", () => {
  it("parses a like", () => {
    expect(reportFeedbackRequestSchema.parse(feedback)).toEqual(feedback);
  });

  it("accepts an unknown feedback type for the bot to ignore", () => {
    const parsed = reportFeedbackRequestSchema.parse({ ...feedback, feedback_type: "meh" });
    expect(parsed.feedback_type).toBe("meh");
  });

  it("requires the message id", () => {
    const { message_id: _messageId, ...withoutMessageId } = feedback;
    expect(reportFeedbackRequestSchema.safeParse(withoutMessageId).success).toBe(false);
  });
});
