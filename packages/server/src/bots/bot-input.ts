import { ACCESS_KEY_LENGTH } from "@parlor/protocol";
import { z } from "zod";
import { TEXT_LIMITS } from "../input/text-limits.js";
import { userText } from "../input/user-text.js";

/** What a creator sends to make or change a server bot. */
export const botInputSchema = z.strictObject({
  /** Optional for server bots; prompt bots say `"prompt"` (see prompt-bots/prompt-bot-input.ts). */
  kind: z.literal("server").optional(),
  handle: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_-]{1,49}$/,
      "must be 2–50 letters, digits, '-' or '_', starting with a letter or digit",
    ),
  display_name: userText(TEXT_LIMITS.botDisplayName).min(1).optional(),
  description: userText(TEXT_LIMITS.botDescription).default(""),
  /** Fetched once and stored as the avatar; the URL itself is kept nowhere. */
  avatar_url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(TEXT_LIMITS.url)
    .nullable()
    .optional(),
  greeting: userText(TEXT_LIMITS.botGreeting).nullable().optional(),
  visibility: z.enum(["public", "unlisted", "private"]).default("public"),
  server_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(TEXT_LIMITS.url),
  access_key: z
    .string()
    .length(ACCESS_KEY_LENGTH, `must be exactly ${ACCESS_KEY_LENGTH} characters`)
    .optional(),
  memory_last_n: z.number().int().min(1).max(1000).nullable().optional(),
});

/** The fields a creator may change later. */
export const botUpdateSchema = botInputSchema
  .omit({ handle: true, access_key: true, kind: true })
  .partial();

/** The fields every bot a creator makes has, whatever its kind. */
export const botCommonSchema = botInputSchema.pick({
  handle: true,
  display_name: true,
  description: true,
  avatar_url: true,
  greeting: true,
  visibility: true,
  memory_last_n: true,
});
