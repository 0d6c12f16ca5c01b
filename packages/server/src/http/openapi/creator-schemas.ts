import { nullable, object, ref } from "./openapi-helpers.js";
import type { SchemaObject } from "./openapi-types.js";

/** What the creator tools answer: connection tests. */
export const creatorSchemas: Record<string, SchemaObject> = {
  ConnectionTestResult: {
    description:
      "One settings request sent to the bot as the platform sends it: its settings, or why there are none",
    oneOf: [
      object({
        ok: { type: "boolean", const: true },
        duration_ms: { type: "integer" },
        http_status: { type: "integer", const: 200 },
        settings: ref("SettingsResponse"),
      }),
      object({
        ok: { type: "boolean", const: false },
        duration_ms: { type: "integer" },
        http_status: nullable("integer", "null when no HTTP answer came"),
        error: object({
          kind: {
            type: "string",
            enum: [
              "dns",
              "refused",
              "tls",
              "unauthorized",
              "timeout",
              "http",
              "malformed",
              "blocked",
            ],
          },
          message: {
            type: "string",
            description: "What happened and what to do, naming the host, port and status",
          },
        }),
      }),
    ],
  },
};
