import {
  COOKIE_OR_API_KEY,
  authErrors,
  avatarImageResponse,
  badRequest,
  csrfError,
  errorResponse,
  fileUploadBody,
  jsonBody,
  jsonResponse,
  notFound,
  nullable,
  object,
  okResponse,
  pathParam,
  ref,
  retryLater,
  timestamp,
  tooLarge,
} from "./openapi-helpers.js";
import type { PathsObject, SchemaObject } from "./openapi-types.js";

/** The signed-in user after a change to their profile. */
const userAnswer = jsonResponse("The user as /me shows them", object({ user: ref("SessionUser") }));

const session: SchemaObject = object(
  {
    id: {
      type: "string",
      examples: ["ses_…"],
      description: "Not secret: not the cookie nor its hash",
    },
    created_at: timestamp("When the login opened it"),
    last_seen_at: nullable("integer", "When a request last used it, to the minute"),
    expires_at: timestamp(),
    user_agent: nullable("string", "The login's User-Agent, cut at 512 characters"),
    client_address: nullable("string", "The login's client address (a proxy's, behind one)"),
    current: { type: "boolean", description: "The session of the cookie this request carries" },
  },
  { description: "A live session, as its owner sees it" },
);

/** 429 for too many checks of the account's password. */
const passwordChecks = {
  "429": retryLater(
    "`rate_limited`: over `PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE` password checks for this account",
  ),
};

/** The signed-in person's own account: profile, password, sessions, deletion. */
export const accountManagementPaths: PathsObject = {
  "/api/account": {
    patch: {
      operationId: "updateProfile",
      summary: "Change your display name",
      description:
        "Trimmed; blank or null clears it (the email is shown instead). At most 64 characters; control characters, lone surrogates and bidi controls are refused.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(object({ display_name: nullable("string") }, { closed: true })),
      responses: {
        "200": userAnswer,
        ...badRequest("the name is too long or has control characters"),
        ...authErrors,
        ...csrfError,
        ...tooLarge,
      },
    },
    delete: {
      operationId: "deleteAccount",
      summary: "Delete your account and everything of it",
      description:
        "Confirm with `password`, or, for an account without one (single sign-on), with `confirm` set to its email. Deletes the account, its bots (and every conversation with them, whoever's), its conversations and messages, its files (their bytes too), API keys, sessions and avatar, and what the call log kept of its messages; running replies are stopped. The last admin is refused. Clears the session cookie.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(
        object(
          { password: { type: "string" }, confirm: { type: "string", format: "email" } },
          { optional: ["password", "confirm"], closed: true },
        ),
      ),
      responses: {
        "200": okResponse("Deleted"),
        ...badRequest("no confirmation, the wrong email, or this is the last admin"),
        ...authErrors,
        "403": errorResponse(
          "`wrong_password`: the password is not right; `csrf`: a cross-site request",
        ),
        ...tooLarge,
        ...passwordChecks,
      },
    },
  },
  "/api/account/avatar": {
    post: {
      operationId: "uploadAvatar",
      summary: "Upload your avatar",
      description:
        "multipart/form-data with the image in field `file`: a PNG, JPEG, WebP or GIF of at most 2 MB, recognised by its bytes, as bot avatars are. Replaces the one you had; `avatar_url` changes.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      requestBody: fileUploadBody(),
      responses: {
        "200": userAnswer,
        "400": errorResponse(
          "`invalid_request`: no multipart field `file`, or not a PNG, JPEG, WebP or GIF",
        ),
        ...authErrors,
        ...csrfError,
        "413": errorResponse("`file_too_large` or `payload_too_large`: over 2 MB"),
      },
    },
    delete: {
      operationId: "deleteAvatar",
      summary: "Remove your avatar",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      responses: { "200": userAnswer, ...authErrors, ...csrfError },
    },
  },
  "/api/users/{id}/avatar": {
    get: {
      operationId: "getUserAvatar",
      summary: "A person's avatar",
      description:
        "For signed-in callers; served with the headers bot avatars have. The `v` query parameter of avatar_url changes with each avatar and is otherwise ignored.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("id", "The account's id (`usr_…`)")],
      responses: { "200": avatarImageResponse(), ...authErrors, ...notFound("avatar") },
    },
  },
  "/api/account/password": {
    post: {
      operationId: "changePassword",
      summary: "Change your password",
      description:
        "The new one has 8 to 1,024 characters. Every other session of yours ends (all of them when you call with an API key); this one stays signed in. API keys keep working.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(
        object(
          {
            current_password: { type: "string" },
            new_password: { type: "string", minLength: 8, maxLength: 1024 },
          },
          { closed: true },
        ),
      ),
      responses: {
        "200": okResponse("Changed"),
        ...badRequest(
          "the new password is under 8 or over 1,024 characters, or the account has no password",
        ),
        ...authErrors,
        "403": errorResponse(
          "`wrong_password`: the current password is not right; `csrf`: a cross-site request",
        ),
        ...tooLarge,
        ...passwordChecks,
      },
    },
  },
  "/api/account/sessions": {
    get: {
      operationId: "listSessions",
      summary: "Your live sessions",
      description: "Most recently opened first.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse(
          "The sessions",
          object({ sessions: { type: "array", items: session } }),
        ),
        ...authErrors,
      },
    },
  },
  "/api/account/sessions/end-others": {
    post: {
      operationId: "endOtherSessions",
      summary: "End every session but this one",
      description: "With an API key there is no current session: all of them end.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse(
          "Ended",
          object({
            ok: { type: "boolean", const: true },
            ended: { type: "integer", description: "How many ended" },
          }),
        ),
        ...authErrors,
        ...csrfError,
      },
    },
  },
  "/api/account/sessions/{id}": {
    delete: {
      operationId: "endSession",
      summary: "End one of your sessions",
      description: "That browser is signed out at once. Ending this one clears the cookie too.",
      tags: ["accounts"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("id", "The session's id (`ses_…`) from the list")],
      responses: {
        "200": okResponse("Ended"),
        ...authErrors,
        ...csrfError,
        ...notFound("session"),
      },
    },
  },
};
