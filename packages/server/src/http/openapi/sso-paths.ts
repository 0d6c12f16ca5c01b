import { PUBLIC, errorResponse, jsonResponse, object } from "./openapi-helpers.js";
import type { PathsObject, ResponseObject } from "./openapi-types.js";

/** A 302 whose `Location` says where the browser goes next, setting the cookie described. */
const redirect = (description: string, cookie: string): ResponseObject => ({
  description,
  headers: {
    Location: { description: "Where the browser goes next", schema: { type: "string" } },
    "Set-Cookie": { description: cookie, schema: { type: "string" } },
  },
});

const notConfigured = {
  "404": errorResponse(
    "`not_found`: single sign-on is not configured (`PARLOR_OIDC_ISSUER` unset)",
  ),
};

/** Single sign-on with an OpenID Connect provider: browser redirects, not JSON calls. */
export const ssoPaths: PathsObject = {
  "/api/auth/providers": {
    get: {
      operationId: "listSignInProviders",
      summary: "How people may sign in besides a password",
      description:
        '`oidc` is null unless single sign-on is configured; its `name` is `PARLOR_OIDC_NAME` (the issuer\'s host by default), for a "Sign in with <name>" button.',
      tags: ["accounts"],
      security: PUBLIC,
      responses: {
        "200": jsonResponse(
          "The providers",
          object({
            oidc: {
              anyOf: [object({ name: { type: "string" } }), { type: "null" }],
              description: "The OpenID Connect provider, or null",
            },
          }),
        ),
      },
    },
  },
  "/api/auth/oidc/start": {
    get: {
      operationId: "startSingleSignOn",
      summary: "Sign in at the OpenID Connect provider",
      description:
        "For a browser to open: remembers a new sign-in (state, nonce, PKCE verifier; 10 minutes, one use) under an HTTP-only `parlor_sso` cookie and redirects to the provider's authorization endpoint (code flow, S256). If the provider cannot be reached, redirects to `/login?sso_error=unavailable`.",
      tags: ["accounts"],
      security: PUBLIC,
      parameters: [
        {
          name: "next",
          in: "query",
          description:
            "A path of the platform to open after signing in (`/` when absent or not a local path)",
          schema: { type: "string" },
        },
      ],
      responses: {
        "302": redirect("To the provider", "The sign-in's cookie"),
        ...notConfigured,
      },
    },
  },
  "/api/auth/oidc/callback": {
    get: {
      operationId: "finishSingleSignOn",
      summary: "The provider's redirect back",
      description:
        "Register `<PARLOR_PUBLIC_URL>/api/auth/oidc/callback` at the provider. Takes this browser's sign-in (once), checks the state, exchanges the code (PKCE, nonce and ID token checked), requires `email_verified`, finds the account (linked identity, else the account with the same verified email, else a new account without a password), sets the session cookie as `POST /api/auth/login` does and redirects to the `next` page. Any failure redirects to `/login?sso_error=<code>` without a session; codes: `unavailable`, `denied`, `expired`, `invalid_state`, `email_missing`, `email_not_verified`, `account_disabled`, `signup_closed`, `failed`.",
      tags: ["accounts"],
      security: PUBLIC,
      parameters: [
        { name: "code", in: "query", description: "From the provider", schema: { type: "string" } },
        {
          name: "state",
          in: "query",
          description: "From the provider",
          schema: { type: "string" },
        },
      ],
      responses: {
        "302": redirect(
          "Signed in (to the `next` page), or not (to `/login?sso_error=<code>`)",
          "The session cookie when signed in; the sign-in's cookie cleared",
        ),
        ...notConfigured,
      },
    },
  },
};
