import { z } from "zod";
import { SsoError } from "./oidc-login-error.js";

/** Who signed in, as the platform needs it from the provider's claims. */
export interface SsoPerson {
  subject: string;
  /** Verified by the provider, trimmed and in lower case. */
  email: string;
  groups: string[];
}

// Tolerant of every other claim: providers add many.
const claimsSchema = z.looseObject({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()).optional(),
  // Some providers (Amazon Cognito) send the boolean as a string.
  email_verified: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
});

/** A groups claim: a list of names, or one name. */
const groupsSchema = z.union([z.array(z.string()), z.string().transform((group) => [group])]);

/**
 * Reads the person from the ID token's and userinfo's claims. An email counts only when
 * `email_verified` is true: linking by an unverified email would hand an account to whoever
 * typed its address at the provider.
 */
export function readSsoPerson(claims: Record<string, unknown>, groupsClaim: string): SsoPerson {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success)
    throw new SsoError("email_missing", "The provider sent no usable subject or email", {
      cause: parsed.error,
    });
  const { sub, email, email_verified: verified } = parsed.data;
  if (!email) throw new SsoError("email_missing", "The provider sent no email");
  if (verified !== true && verified !== "true")
    throw new SsoError("email_not_verified", "The provider has not verified this email");
  const groups = groupsSchema.safeParse(claims[groupsClaim]);
  return { subject: sub, email, groups: groups.success ? groups.data : [] };
}
