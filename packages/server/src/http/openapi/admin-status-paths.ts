import { COOKIE_OR_API_KEY, errorResponse, jsonResponse, object } from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

/** The settings that decide what bots may reach, for the admin page. Admins only. */
export const adminStatusPaths: PathsObject = {
  "/api/admin/status": {
    get: {
      operationId: "adminStatus",
      summary: "The platform's environment and outbound settings",
      description:
        "What bot URLs may reach, so the admin page can show a development switch that is on. Admins only.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse(
          "The settings",
          object(
            {
              environment: { type: "string", enum: ["development", "production"] },
              host: { type: "string", description: "The address the platform listens on" },
              allow_loopback_bots: {
                type: "boolean",
                description: "PARLOR_ALLOW_LOOPBACK_BOTS: bots on loopback addresses are called",
              },
              allowed_bot_hosts: {
                type: "array",
                items: { type: "string" },
                description: "PARLOR_ALLOWED_BOT_HOSTS entries",
              },
              allowed_bot_ports: {
                type: ["string", "null"],
                description: "PARLOR_ALLOWED_BOT_PORTS, e.g. `443,8000-8999`; null: any port",
              },
              development_switches: {
                type: "array",
                items: { type: "string" },
                description:
                  "Variables that are on and make the platform less safe than its defaults",
              },
            },
            { closed: true },
          ),
        ),
        "401": errorResponse("`unauthenticated`: an unknown or revoked API key"),
        "404": errorResponse(
          "`not_found`: you are not an admin (answered exactly as an unknown route)",
        ),
      },
    },
  },
};
