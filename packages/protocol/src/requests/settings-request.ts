import { z } from "zod";

/** A `settings` request: the platform asks the bot for its settings (reference §1.5). */
export const settingsRequestSchema = z.object({
  version: z.string(),
  type: z.literal("settings"),
});

/** A `settings` request. */
export type SettingsRequest = z.output<typeof settingsRequestSchema>;
