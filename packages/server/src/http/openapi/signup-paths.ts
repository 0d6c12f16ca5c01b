import { notForYou } from "./admin-paths.js";
import {
  COOKIE_OR_API_KEY,
  PUBLIC,
  badRequest,
  csrfError,
  errorResponse,
  jsonBody,
  jsonResponse,
  nullable,
  object,
  okResponse,
  pathParam,
  timestamp,
  tooLarge,
} from "./openapi-helpers.js";
import type { PathsObject, SchemaObject } from "./openapi-types.js";

const POLICY: SchemaObject = { type: "string", enum: ["open", "approval", "invite", "closed"] };

const settings = object({
  settings: object({
    signup_policy: POLICY,
    signup_policy_source: {
      type: "string",
      enum: ["environment", "admin", "default"],
      description:
        "`environment`: pinned by `PARLOR_SIGNUP` (read-only here); `admin`: chosen on the admin page; `default`: nobody chose (`open` in development, `approval` in production)",
    },
  }),
});

const inviteFields = {
  id: { type: "string", examples: ["inv_…"] },
  expires_at: timestamp(),
  created_at: timestamp(),
  email: nullable("string", "Only this email may use the invite; null: anyone with the link"),
} satisfies Record<string, SchemaObject>;

/** The sign-up policy, public and for admins, and invites (admins only). */
export const signupPaths: PathsObject = {
  "/api/auth/signup-policy": {
    get: {
      operationId: "signupPolicy",
      summary: "Who may sign up",
      description:
        "For the sign-up page: whether it needs an invite, waits for approval, or is closed.",
      tags: ["accounts"],
      security: PUBLIC,
      responses: { "200": jsonResponse("The policy", object({ signup_policy: POLICY })) },
    },
  },
  "/api/admin/settings": {
    get: {
      operationId: "adminSettings",
      summary: "The sign-up policy and where it comes from",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: { "200": jsonResponse("The settings", settings), ...notForYou },
    },
    patch: {
      operationId: "adminUpdateSettings",
      summary: "Choose the sign-up policy",
      description:
        "Stored in the database; refused while `PARLOR_SIGNUP` pins the policy. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(object({ signup_policy: POLICY }, { closed: true })),
      responses: {
        "200": jsonResponse("The settings", settings),
        ...badRequest("the policy is not one of the four"),
        ...csrfError,
        ...notForYou,
        "409": errorResponse(
          "`conflict`: the sign-up policy is set by PARLOR_SIGNUP on the server",
        ),
        ...tooLarge,
      },
    },
  },
  "/api/admin/invites": {
    get: {
      operationId: "adminListInvites",
      summary: "Every invite, newest first",
      description: "Used ones included; their links are never shown again. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse(
          "The invites",
          object({
            invites: {
              type: "array",
              items: object({
                ...inviteFields,
                used_at: nullable("integer", "When someone signed up with it; null while unused"),
              }),
            },
          }),
        ),
        ...notForYou,
      },
    },
    post: {
      operationId: "adminCreateInvite",
      summary: "Create an invite link",
      description:
        "Single use, expiring. The link (`<PARLOR_PUBLIC_URL or this origin>/signup?invite=<token>`) is in this answer only: the token is stored as a hash. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(
        object(
          {
            expires_in_hours: { type: "integer", minimum: 1, maximum: 720, default: 168 },
            email: { type: "string", format: "email", description: "Only this email may use it" },
          },
          { optional: ["expires_in_hours", "email"], closed: true },
        ),
      ),
      responses: {
        "201": jsonResponse(
          "The invite",
          object({
            invite: object({ ...inviteFields, url: { type: "string", format: "uri" } }),
          }),
        ),
        ...badRequest("`expires_in_hours` is not 1–720 or `email` is not an email"),
        ...csrfError,
        ...notForYou,
        ...tooLarge,
      },
    },
  },
  "/api/admin/invites/{id}": {
    delete: {
      operationId: "adminRevokeInvite",
      summary: "Revoke an invite",
      description: "Its link stops working at once. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("id", "The invite's id (`inv_…`)")],
      responses: { "200": okResponse("Revoked"), ...csrfError, ...notForYou },
    },
  },
};
