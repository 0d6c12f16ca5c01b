import {
  COOKIE_OR_API_KEY,
  PUBLIC,
  authErrors,
  badRequest,
  csrfError,
  errorResponse,
  jsonBody,
  jsonResponse,
  notFound,
  object,
  okResponse,
  pathParam,
  ref,
  retryLater,
  tooLarge,
} from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

const credentials = object({
  email: { type: "string", format: "email" },
  password: { type: "string", minLength: 8, maxLength: 1024 },
});

const signup = object(
  {
    email: { type: "string", format: "email" },
    password: { type: "string", minLength: 8, maxLength: 1024 },
    invite: {
      type: "string",
      description: "The `invite` of an invite link; needed under the policy `invite`",
    },
  },
  { optional: ["invite"], closed: true },
);

/** Sign-up, sessions and user API keys. */
export const accountPaths: PathsObject = {
  "/api/auth/signup": {
    post: {
      operationId: "signUp",
      summary: "Create an account",
      description:
        'Does not sign in: log in next. The platform\'s first account becomes an admin under every policy. Later ones follow the sign-up policy (`GET /api/auth/signup-policy`): under `approval` the account is created with `status: "pending"` and cannot log in until an admin approves it; under `invite` it needs a valid invite (single use, expiring); under `closed` it is refused. A valid invite also skips the wait under `approval`. Emails are stored trimmed and in lower case.',
      tags: ["accounts"],
      security: PUBLIC,
      requestBody: jsonBody(signup),
      responses: {
        "201": jsonResponse("Created", object({ user: ref("User") })),
        ...badRequest("the email is not valid or the password is not 8 to 1,024 characters"),
        "403": errorResponse(
          "`signup_closed`: the policy is `closed`; `invite_required`: the policy is `invite` and no invite was sent; `invite_invalid`: the invite is unknown, revoked, used, expired or for another email; `csrf`: a cross-site browser request",
        ),
        "409": errorResponse("`conflict`: an account with this email exists"),
        ...tooLarge,
        "429": retryLater(
          "`rate_limited`: over `PARLOR_RATE_LIMIT_SIGNUPS_PER_HOUR` sign-up attempts from this client address",
        ),
      },
    },
  },
  "/api/auth/login": {
    post: {
      operationId: "logIn",
      summary: "Open a session",
      description:
        "Sets the session cookie (`parlor_session`, or `__Host-parlor_session` with `Secure` when the platform serves TLS itself): HttpOnly, SameSite=Lax, Path=/, 30 days. A session cookie sent along is ended first.",
      tags: ["accounts"],
      security: PUBLIC,
      requestBody: jsonBody(credentials),
      responses: {
        "200": {
          ...jsonResponse("Signed in", object({ user: ref("SessionUser") })),
          headers: {
            "Set-Cookie": { description: "The session cookie", schema: { type: "string" } },
          },
        },
        ...badRequest("email or password is missing, or the password is over 1,024 characters"),
        "401": errorResponse("`unauthenticated`: wrong email or password"),
        "403": errorResponse(
          "`account_disabled`: the password is right but an admin disabled the account; `account_pending`: the password is right but an admin has not approved the account yet; `csrf`: a cross-site browser request",
        ),
        ...tooLarge,
        "429": retryLater(
          "`rate_limited`: over `PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE` failed logins to this account from this client address, or three times it from this address to any account. Failures of one account from everywhere are never refused: past five times the limit in 15 minutes each answer waits, doubling from 0.25 s up to 8 s",
        ),
      },
    },
  },
  "/api/auth/logout": {
    post: {
      operationId: "logOut",
      summary: "End the session",
      description: "Ends the session of the cookie sent (if any) and clears the cookie.",
      tags: ["accounts"],
      security: PUBLIC,
      responses: { "200": okResponse("Signed out"), ...csrfError },
    },
  },
  "/api/auth/me": {
    get: {
      operationId: "me",
      summary: "The signed-in user",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse("The user", object({ user: ref("SessionUser") })),
        ...authErrors,
      },
    },
  },
  "/api/keys": {
    get: {
      operationId: "listApiKeys",
      summary: "List your API keys",
      description: "Newest first, revoked keys included; never the keys themselves.",
      tags: ["api keys"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse("The keys", object({ keys: { type: "array", items: ref("ApiKey") } })),
        ...authErrors,
      },
    },
    post: {
      operationId: "createApiKey",
      summary: "Create an API key",
      description:
        "The body is optional. The key (`pk_…`) is in the answer once and stored only as a hash.",
      tags: ["api keys"],
      security: COOKIE_OR_API_KEY,
      requestBody: {
        required: false,
        content: {
          "application/json": {
            schema: object(
              { name: { type: "string", maxLength: 100, default: "API key" } },
              { optional: ["name"], closed: true },
            ),
          },
        },
      },
      responses: {
        "201": jsonResponse("Created", ref("CreatedApiKey")),
        "400": errorResponse("`invalid_request`: a body that is not an object, or a name too long"),
        ...authErrors,
        ...csrfError,
        ...tooLarge,
      },
    },
  },
  "/api/keys/{id}": {
    delete: {
      operationId: "revokeApiKey",
      summary: "Revoke an API key",
      tags: ["api keys"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("id", "The key's id (`key_…`)")],
      responses: {
        "200": okResponse("Revoked"),
        ...authErrors,
        ...csrfError,
        ...notFound("active key"),
      },
    },
  },
};
