import { z } from "zod";

/** A bot URL to try before (or after) registering it, with its key: the conformance check's and the connection test's body. */
export const botUrlInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  access_key: z.string().min(1).optional(),
});
