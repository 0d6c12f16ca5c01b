import { PUBLIC, errorResponse, jsonResponse, object } from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

/** Health, metrics and this document: no credentials. */
export const operationsPaths: PathsObject = {
  "/healthz": {
    get: {
      operationId: "health",
      summary: "Liveness check",
      description: "Answers as long as the process serves HTTP; it does not touch the database.",
      tags: ["operations"],
      security: PUBLIC,
      responses: {
        "200": jsonResponse(
          "The process is up",
          object({
            ok: { type: "boolean", const: true },
            development_switches: {
              type: "array",
              items: { type: "string" },
              description:
                "Variables that are on and make the platform less safe than its defaults, e.g. `PARLOR_ALLOW_LOOPBACK_BOTS`; empty normally",
            },
          }),
        ),
        "503": errorResponse("`starting`: the platform is still opening its database"),
      },
    },
  },
  "/readyz": {
    get: {
      operationId: "ready",
      summary: "Readiness check, for load balancers",
      description:
        "Fails from the moment the instance starts draining on SIGTERM (PARLOR_DRAIN_S), so a balancer stops sending it new requests while its running replies finish.",
      tags: ["operations"],
      security: PUBLIC,
      responses: {
        "200": jsonResponse("Ready", object({ ok: { type: "boolean", const: true } })),
        "503": jsonResponse(
          "Draining: new replies are refused here",
          object({
            ok: { type: "boolean", const: false },
            draining: { type: "boolean", const: true },
          }),
        ),
      },
    },
  },
  "/metrics": {
    get: {
      operationId: "metrics",
      summary: "Prometheus metrics",
      description:
        "Text exposition format 0.0.4: parlor_http_requests_total, parlor_replies_total, parlor_bot_errors_total, parlor_active_generations, parlor_bot_first_event_seconds, parlor_csp_reports_total.",
      tags: ["operations"],
      security: PUBLIC,
      responses: {
        "200": {
          description: "The metrics",
          content: { "text/plain; version=0.0.4": { schema: { type: "string" } } },
        },
      },
    },
  },
  "/api/openapi.json": {
    get: {
      operationId: "openapi",
      summary: "This OpenAPI 3.1 document",
      tags: ["operations"],
      security: PUBLIC,
      responses: {
        "200": jsonResponse("The document", { type: "object" }),
      },
    },
  },
};
