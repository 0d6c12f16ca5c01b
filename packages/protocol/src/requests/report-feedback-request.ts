import { z } from "zod";
import { openEnum } from "./open-enum.js";
import { FEEDBACK_TYPES } from "./protocol-message.js";

/**
 * A `report_feedback` request: a user liked or disliked a bot message (reference §1.6).
 * Deprecated in favour of `report_reaction`; unknown feedback types parse so bots can ignore them.
 */
export const reportFeedbackRequestSchema = z.object({
  version: z.string(),
  type: z.literal("report_feedback"),
  message_id: z.string(),
  user_id: z.string(),
  conversation_id: z.string(),
  feedback_type: openEnum(FEEDBACK_TYPES),
});

/** A `report_feedback` request. */
export type ReportFeedbackRequest = z.output<typeof reportFeedbackRequestSchema>;
