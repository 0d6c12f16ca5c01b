import { z } from "zod";

const cliEnvironmentSchema = z.object({
  PARLOR_URL: z.string().optional(),
  PARLOR_API_KEY: z.string().optional(),
});

/**
 * The environment as the CLI reads it: the whole of it goes to the platform's `loadConfig`
 * (which validates it), and `PARLOR_URL` / `PARLOR_API_KEY` choose a remote platform.
 * The only place the CLI reads `process.env`.
 */
export function cliEnvironment() {
  const variables = cliEnvironmentSchema.parse(process.env);
  return {
    /** Everything, for the platform's `loadConfig`. */
    platform: { ...process.env },
    url: variables.PARLOR_URL || undefined,
    apiKey: variables.PARLOR_API_KEY || undefined,
  };
}
