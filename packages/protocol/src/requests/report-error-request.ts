import { z } from "zod";

/**
 * A `report_error` request: the platform tells the bot it misused the protocol (reference §1.8).
 * Best effort only; the bot's answer is ignored.
 */
export const reportErrorRequestSchema = z.object({
  version: z.string(),
  type: z.literal("report_error"),
  message: z.string(),
  /** Unspecified context, e.g. `{message_id}`. */
  metadata: z.record(z.string(), z.unknown()).default(() => ({})),
});

/** A `report_error` request. */
export type ReportErrorRequest = z.output<typeof reportErrorRequestSchema>;
