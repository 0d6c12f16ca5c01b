import { accountManagementPaths } from "./account-management-paths.js";
import { accountPaths } from "./account-paths.js";
import { adminPaths } from "./admin-paths.js";
import { adminStatusPaths } from "./admin-status-paths.js";
import { adminModelsPaths } from "./admin-models-paths.js";
import { adminCorsPaths } from "./admin-cors-paths.js";
import { botCreatorPaths } from "./bot-creator-paths.js";
import { botPaths } from "./bot-paths.js";
import { chatPaths } from "./chat-paths.js";
import { creatorSchemas } from "./creator-schemas.js";
import { filePaths } from "./file-paths.js";
import { openaiPaths } from "./openai-paths.js";
import { openaiSchemas } from "./openai-schemas.js";
import type { OpenApiDocument } from "./openapi-types.js";
import { operationsPaths } from "./operations-paths.js";
import { platformSchemas } from "./platform-schemas.js";
import { poePaths } from "./poe-paths.js";
import { protocolSchemas } from "./protocol-schemas.js";
import { safetyPaths } from "./safety-paths.js";
import { ssoPaths } from "./sso-paths.js";
import { signupPaths } from "./signup-paths.js";
import { usagePaths } from "./usage-paths.js";

/**
 * The platform's HTTP API as OpenAPI 3.1, served at `GET /api/openapi.json`. Written by hand
 * next to the routes; `openapi.test.ts` fails when a route is missing from it or extra in it.
 * The prose reference is docs/api.md.
 */
export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Parlor",
    version: "0.1.0",
    description:
      "A self-hostable platform for Poe-protocol chatbots: the platform API (/api), Poe's bot API (/bot), an OpenAI-compatible API (/v1) and signed file URLs (/files). Platform errors are `{error: {code, message, field?}}`; /v1 errors are OpenAI-shaped.",
    license: { name: "MIT" },
  },
  tags: [
    { name: "accounts", description: "Sign-up, sessions, and managing one's own account" },
    { name: "api keys", description: "User API keys (`pk_…`)" },
    { name: "bots", description: "Registering and managing bots" },
    { name: "conversations", description: "Conversations and sending messages" },
    { name: "messages", description: "Replies: stream, stop, regenerate, feedback" },
    { name: "files", description: "Uploads and signed file URLs" },
    { name: "safety", description: "CSP violation reports and the image proxy" },
    { name: "poe bot api", description: "Poe's bot API, for fastapi_poe and the SDK" },
    { name: "openai api", description: "OpenAI-compatible chat completions" },
    { name: "operations", description: "Health, metrics, this document" },
    { name: "admin", description: "Managing accounts and every bot (admins only)" },
  ],
  paths: {
    ...operationsPaths,
    ...accountPaths,
    ...ssoPaths,
    ...accountManagementPaths,
    ...botPaths,
    ...botCreatorPaths,
    ...chatPaths,
    ...filePaths,
    ...safetyPaths,
    ...poePaths,
    ...openaiPaths,
    ...adminPaths,
    ...adminStatusPaths,
    ...adminModelsPaths,
    ...adminCorsPaths,
    ...signupPaths,
    ...usagePaths,
  },
  components: {
    schemas: { ...platformSchemas, ...creatorSchemas, ...protocolSchemas, ...openaiSchemas },
    securitySchemes: {
      sessionCookie: {
        type: "apiKey",
        in: "cookie",
        name: "parlor_session",
        description:
          "Set by POST /api/auth/login; named `__Host-parlor_session` when the platform serves TLS itself. Unsafe methods must come from the same origin (CSRF check).",
      },
      userApiKey: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "pk_…",
        description: "A user API key: `Authorization: Bearer pk_…`",
      },
      botAccessKey: {
        type: "http",
        scheme: "bearer",
        description:
          "A server bot's 32-character access key, valid only while that bot answers the query named by the body's bot_query_id",
      },
      rawKey: {
        type: "apiKey",
        in: "header",
        name: "Authorization",
        description:
          "A user API key or a server bot's access key as the whole header value, as fastapi_poe sends it (a `Bearer ` prefix is tolerated)",
      },
    },
  },
};
