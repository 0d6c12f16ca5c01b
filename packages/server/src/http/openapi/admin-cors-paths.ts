import { notForYou } from "./admin-paths.js";
import {
  COOKIE_OR_API_KEY,
  badRequest,
  csrfError,
  jsonBody,
  jsonResponse,
} from "./openapi-helpers.js";
import type { PathsObject, SchemaObject } from "./openapi-types.js";

/** The browser origins an admin lets call `/v1` (besides `PARLOR_CORS_ORIGINS`). */
const origins: SchemaObject = {
  type: "object",
  required: ["origins"],
  properties: {
    origins: {
      type: "array",
      items: {
        type: "string",
        description: "An origin: scheme, host and port, e.g. https://app.example.com",
      },
    },
  },
};

export const adminCorsPaths: PathsObject = {
  "/api/admin/cors": {
    get: {
      operationId: "adminGetCorsOrigins",
      summary: "The browser origins that may call /v1",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: { "200": jsonResponse("The origins", origins), ...notForYou },
    },
    put: {
      operationId: "adminSetCorsOrigins",
      summary: "Replace the admin-listed browser origins that may call /v1",
      description: "Instances pick a change up within a second.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(origins),
      responses: {
        "200": jsonResponse("The origins now", origins),
        ...badRequest("an entry that is not an origin, or too many"),
        ...csrfError,
        ...notForYou,
      },
    },
  },
};
