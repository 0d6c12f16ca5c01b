import { z } from "zod";

/** The longest invite token we look up; real ones are 32 characters. */
const MAX_INVITE_LENGTH = 200;

/** `POST /api/auth/signup`: an email, a password and, when the policy asks for one, an invite. */
export const signupSchema = z.strictObject({
  email: z.string(),
  password: z.string(),
  invite: z.string().min(1).max(MAX_INVITE_LENGTH).optional(),
});
