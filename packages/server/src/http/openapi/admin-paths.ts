import {
  COOKIE_OR_API_KEY,
  badRequest,
  csrfError,
  errorResponse,
  jsonBody,
  jsonResponse,
  listParams,
  okResponse,
  object,
  pageOf,
  pathParam,
  ref,
  tooLarge,
} from "./openapi-helpers.js";
import type { PathsObject, ResponseObject } from "./openapi-types.js";

/** What everyone but an admin gets, signed in or not: the 404 of a route that does not exist. */
export const notForYou: Record<string, ResponseObject> = {
  "401": errorResponse("`unauthenticated`: an unknown or revoked API key"),
  "404": errorResponse(
    "`not_found`: you are not an admin (answered exactly as an unknown route), or no such object",
  ),
};

/** Managing the platform: accounts and every bot. Admins only. */
export const adminPaths: PathsObject = {
  "/api/admin/users": {
    get: {
      operationId: "adminListUsers",
      summary: "Every account",
      description: "Newest first. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [
        ...listParams(50, "email"),
        {
          name: "status",
          in: "query",
          description:
            "Only accounts that can sign in, that wait for approval, or that are disabled",
          schema: { type: "string", enum: ["active", "pending", "disabled"] },
        },
      ],
      responses: {
        "200": jsonResponse("A page of accounts", pageOf("users", ref("AdminUser"))),
        ...badRequest("`limit` is not 1–100, or `cursor` is not one this list gave out"),
        ...notForYou,
      },
    },
  },
  "/api/admin/users/{id}": {
    patch: {
      operationId: "adminUpdateUser",
      summary: "Disable or enable an account, change its role, or approve it",
      description:
        "Disabling ends the account's sessions at once, refuses its logins (403 `account_disabled`) and its API keys (401). You cannot disable or demote yourself, and the last admin who can sign in stays one. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("id", "The account's id (`usr_…`)")],
      requestBody: jsonBody(
        object(
          {
            disabled: { type: "boolean" },
            role: { type: "string", enum: ["admin", "user"] },
            approved: {
              type: "boolean",
              const: true,
              description: "Lets an account that waits for approval sign in",
            },
          },
          { optional: ["disabled", "role", "approved"], closed: true },
        ),
      ),
      responses: {
        "200": jsonResponse("The account", object({ user: ref("AdminUser") })),
        ...badRequest(
          "a field is wrong or unknown, you tried to disable or demote yourself, or this is the last admin",
        ),
        ...csrfError,
        ...notForYou,
        ...tooLarge,
      },
    },
    delete: {
      operationId: "adminDeleteUser",
      summary: "Delete an account and everything of it",
      description:
        "As `DELETE /api/account` does for one's own: the account, its bots (and every conversation with them, whoever's), its conversations, messages, files, API keys, sessions and avatar. Not your own account (delete it from `DELETE /api/account`), not the system account. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("id", "The account's id (`usr_…`)")],
      responses: {
        "200": okResponse("Deleted"),
        "400": errorResponse("`invalid_request`: it is your own account, or the last admin"),
        ...csrfError,
        ...notForYou,
      },
    },
  },
  "/api/admin/users/{id}/password": {
    post: {
      operationId: "adminResetPassword",
      summary: "Set a new password for an account",
      description:
        "8 to 1,024 characters. Ends all of the account's sessions; its API keys keep working. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("id", "The account's id (`usr_…`)")],
      requestBody: jsonBody(
        object({ password: { type: "string", minLength: 8, maxLength: 1024 } }, { closed: true }),
      ),
      responses: {
        "200": okResponse("The password is set"),
        ...badRequest("the password is under 8 or over 1,024 characters"),
        ...csrfError,
        ...notForYou,
        ...tooLarge,
      },
    },
  },
  "/api/admin/bots": {
    get: {
      operationId: "adminListBots",
      summary: "Every bot, private and hidden ones included",
      description: "Newest first, with each owner's email. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: listParams(50, "handle or display name"),
      responses: {
        "200": jsonResponse("A page of bots", pageOf("bots", ref("AdminBot"))),
        ...badRequest("`limit` is not 1–100, or `cursor` is not one this list gave out"),
        ...notForYou,
      },
    },
  },
  "/api/admin/bots/{handle}": {
    patch: {
      operationId: "adminUpdateBot",
      summary: "Hide a bot, or show it again",
      description:
        "A hidden bot is listed, opened and used by nobody but its owner and admins; to others it answers 404 as if it did not exist, and their conversations with it take no new messages. Delete a bot with DELETE /api/bots/{handle}. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [pathParam("handle", "The bot's handle (any case)")],
      requestBody: jsonBody(object({ hidden: { type: "boolean" } }, { closed: true })),
      responses: {
        "200": jsonResponse("The bot", object({ bot: ref("AdminBot") })),
        ...badRequest("`hidden` is missing or not a boolean, or another field is there"),
        ...csrfError,
        ...notForYou,
        ...tooLarge,
      },
    },
  },
};
