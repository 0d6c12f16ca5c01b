import { notForYou } from "./admin-paths.js";
import {
  COOKIE_OR_API_KEY,
  badRequest,
  csrfError,
  jsonBody,
  jsonResponse,
  notFound,
  object,
  okResponse,
  pathParam,
  timestamp,
} from "./openapi-helpers.js";
import type { PathsObject, SchemaObject } from "./openapi-types.js";

/** A model provider as admins see it; its key is never shown, only whether one is set. */
const provider: SchemaObject = object({
  id: { type: "string", description: "openai, anthropic, gemini, or the server's name" },
  kind: { type: "string", enum: ["openai", "anthropic", "gemini", "openai_compatible"] },
  name: { type: "string" },
  source: {
    type: "string",
    enum: ["vendor", "environment", "admin", "autodiscovered"],
    description: "Where it comes from; `environment` ones are changed in the environment",
  },
  base_url: { type: ["string", "null"] },
  api_key: { type: "string", enum: ["set", "not set"], description: "Write-only: never the key" },
  key_source: { type: ["string", "null"], enum: ["environment", "admin", null] },
  enabled: { type: "boolean" },
  status: {
    type: "string",
    enum: ["ok", "key_wrong", "unreachable", "not_configured", "disabled", "checking"],
  },
  status_message: { type: ["string", "null"] },
  checked_at: { type: ["integer", "null"], description: timestamp().description },
  models_count: { type: "integer", description: "Model bots listed for users" },
  embedding_models: { type: "array", items: { type: "string" } },
  editable: { type: "boolean" },
  removable: { type: "boolean" },
  bots: {
    type: "array",
    items: object({
      handle: { type: "string" },
      display_name: { type: "string" },
      model_id: { type: ["string", "null"] },
      hidden: { type: "boolean", description: "Switched off with PATCH /api/admin/bots/{handle}" },
      listed: { type: "boolean" },
    }),
  },
});

const providerId = pathParam(
  "id",
  "The provider's id: openai, anthropic, gemini or a server's name",
);
const providerList = object({ providers: { type: "array", items: provider } });

/** The admin API of model providers. Admins only. */
export const adminModelsPaths: PathsObject = {
  "/api/admin/models/providers": {
    get: {
      operationId: "adminListModelProviders",
      summary: "Model providers, their status and model bots",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: { "200": jsonResponse("The providers", providerList), ...notForYou },
    },
    post: {
      operationId: "adminAddModelServer",
      summary: "Add an OpenAI-compatible server (Ollama, vLLM, llama.cpp, OpenRouter, Groq…)",
      description: "Its models are read from `<base_url>/models` before the answer.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(
        object(
          {
            name: { type: "string", maxLength: 40 },
            base_url: { type: "string", format: "uri", description: "e.g. http://host:8000/v1" },
            api_key: { type: ["string", "null"] },
          },
          { closed: true, optional: ["api_key"] },
        ),
      ),
      responses: {
        "201": jsonResponse("The server", object({ provider })),
        ...badRequest("a bad name or URL"),
        "409": jsonResponse("`conflict`: a provider of that name exists", object({})),
        ...csrfError,
        ...notForYou,
      },
    },
  },
  "/api/admin/models/providers/{id}": {
    patch: {
      operationId: "adminUpdateModelProvider",
      summary: "Set or clear a key, change the base URL, switch a provider on or off",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [providerId],
      requestBody: jsonBody(
        object(
          {
            base_url: { type: ["string", "null"], format: "uri" },
            api_key: { type: ["string", "null"], description: "null clears the saved key" },
            enabled: { type: "boolean" },
          },
          { closed: true, optional: ["base_url", "api_key", "enabled"] },
        ),
      ),
      responses: {
        "200": jsonResponse("The provider", object({ provider })),
        ...badRequest("a bad URL, or a provider the environment configures"),
        ...notFound("provider"),
        ...csrfError,
        ...notForYou,
      },
    },
    delete: {
      operationId: "adminRemoveModelProvider",
      summary: "Remove a server an admin added, or a vendor's saved key and settings",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [providerId],
      responses: {
        "200": okResponse("Removed; its model bots are no longer listed"),
        ...notFound("provider"),
        ...csrfError,
        ...notForYou,
      },
    },
  },
  "/api/admin/models/refresh": {
    post: {
      operationId: "adminRefreshModels",
      summary: "Read every provider's models again",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: { "200": jsonResponse("The providers", providerList), ...csrfError, ...notForYou },
    },
  },
};
