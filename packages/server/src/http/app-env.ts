import type { Actor } from "../auth/accounts.js";
import type { Platform } from "../platform.js";

/** What Hono carries per request: the platform's services and who is asking. */
export interface AppEnv {
  Variables: {
    platform: Platform;
    /** Set by the auth middleware when a cookie or API key identified the caller. */
    actor: Actor | undefined;
    /** How the caller authenticated; CSRF checks apply only to cookies. */
    credential: "cookie" | "api_key" | undefined;
  };
}
