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
  password: { type: "string", minLength: 8 },
});

/** Sign-up, sessions and user API keys. */
export const accountPaths: PathsObject = {
  "/api/auth/signup": {
    post: {
      operationId: "signUp",
      summary: "Create an account",
      description:
        "Does not sign in: log in next. The platform's first account becomes an admin. Emails are stored trimmed and in lower case.",
      tags: ["accounts"],
      security: PUBLIC,
      requestBody: jsonBody(credentials),
      responses: {
        "201": jsonResponse("Created", object({ user: ref("User") })),
        ...badRequest("the email is not valid or the password is under 8 characters"),
        ...csrfError,
        "409": errorResponse("`conflict`: an account with this email exists"),
        ...tooLarge,
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
        ...badRequest("email or password is missing"),
        "401": errorResponse("`unauthenticated`: wrong email or password"),
        "403": errorResponse(
          "`account_disabled`: the password is right but an admin disabled the account; `csrf`: a cross-site browser request",
        ),
        ...tooLarge,
        "429": retryLater(
          "`rate_limited`: over `PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE` attempts for this email, right or wrong",
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
