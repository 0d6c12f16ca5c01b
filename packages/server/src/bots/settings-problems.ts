import type { z } from "zod";

/** The first few things wrong with a settings reply, e.g. `allow_attachments: expected boolean`. */
export function settingsProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`)
    .join("; ");
}
