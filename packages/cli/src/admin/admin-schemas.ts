import { z } from "zod";

// What the platform's API answers, as the CLI reads it: tolerant of fields added later.

/** Who an API key acts as (`GET /api/auth/me`). */
export const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), role: z.enum(["admin", "user"]) }),
});

/** An account as admins see it; `status` comes with sign-up approval. */
export const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(["admin", "user"]),
  created_at: z.number(),
  disabled_at: z.number().nullable(),
  status: z.enum(["active", "pending", "disabled"]).optional(),
});
/** An account as admins see it. */
export type AdminUser = z.infer<typeof adminUserSchema>;

/** A page of `GET /api/admin/users`. */
export const usersPageSchema = z.object({
  users: z.array(adminUserSchema),
  next_cursor: z.string().nullable(),
});

/** A user API key without its secret. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.number(),
  last_used_at: z.number().nullable(),
  revoked_at: z.number().nullable(),
});
/** A user API key without its secret. */
export type ApiKey = z.infer<typeof apiKeySchema>;

/** A new key, its secret shown this once. */
export const createdKeySchema = z.object({ id: z.string(), key: z.string(), prefix: z.string() });

/** A bot as admins see it. */
export const adminBotSchema = z.object({
  handle: z.string(),
  display_name: z.string(),
  kind: z.string(),
  visibility: z.string(),
  hidden: z.boolean(),
  server_url: z.string().nullable(),
  owner_email: z.string(),
  created_at: z.number(),
});
/** A bot as admins see it. */
export type AdminBot = z.infer<typeof adminBotSchema>;

/** A page of `GET /api/admin/bots`. */
export const botsPageSchema = z.object({
  bots: z.array(adminBotSchema),
  next_cursor: z.string().nullable(),
});

/** Who may create an account. */
export const SIGNUP_POLICIES = ["open", "approval", "invite", "closed"] as const;

/** The platform's settings an admin changes (`/api/admin/settings`). */
export const settingsSchema = z.object({
  settings: z.object({
    signup_policy: z.enum(SIGNUP_POLICIES),
    signup_policy_source: z.enum(["admin", "environment", "default"]),
  }),
});
/** The platform's settings an admin changes. */
export type Settings = z.infer<typeof settingsSchema>["settings"];

/** An invite link (`POST /api/admin/invites`). */
export const inviteSchema = z.object({
  invite: z.object({
    id: z.string(),
    url: z.string(),
    expires_at: z.number(),
    created_at: z.number(),
    email: z.string().nullable().optional(),
  }),
});
/** An invite link. */
export type Invite = z.infer<typeof inviteSchema>["invite"];
