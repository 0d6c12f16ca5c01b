import { z } from "zod";
import { openEnum } from "./open-enum.js";

/** Reactions Poe documents; others parse too, since the spec asks bots to ignore them. */
export const REACTIONS = ["like", "dislike", "heart", "laughing", "surprised", "sad"] as const;

/** A `report_reaction` request: a user reacted to a bot message (reference §1.7). */
export const reportReactionRequestSchema = z.object({
  version: z.string(),
  type: z.literal("report_reaction"),
  message_id: z.string(),
  user_id: z.string(),
  conversation_id: z.string(),
  reaction: openEnum(REACTIONS),
});

/** A `report_reaction` request. */
export type ReportReactionRequest = z.output<typeof reportReactionRequestSchema>;
