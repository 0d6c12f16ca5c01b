import { COOKIE_OR_API_KEY, PUBLIC, authErrors, errorResponse } from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

const PROXIED_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"];

/** What keeps the web app's pages safe: where CSP violations go, and the image proxy. */
export const safetyPaths: PathsObject = {
  "/api/csp-report": {
    post: {
      operationId: "reportCspViolation",
      summary: "Report a Content-Security-Policy violation",
      description:
        "Where browsers send CSP reports (`report-uri` and the Reporting API). No credentials and no CSRF check. Each violation is counted in parlor_csp_reports_total and logged as a warning (directive, blocked URL and page without their queries; at most 60 a minute).",
      tags: ["safety"],
      security: PUBLIC,
      requestBody: {
        required: true,
        content: {
          "application/csp-report": {
            schema: {
              type: "object",
              properties: { "csp-report": { type: "object" } },
              required: ["csp-report"],
            },
          },
          "application/reports+json": {
            schema: { type: "array", items: { type: "object" } },
          },
        },
      },
      responses: {
        "204": { description: "Recorded" },
        "400": errorResponse("`invalid_request`: the body is not JSON, or no CSP report"),
        "413": errorResponse("`payload_too_large`: the body is over 64 KiB"),
        "415": errorResponse("`unsupported_media_type`: another content type"),
      },
    },
  },
  "/api/image-proxy": {
    get: {
      operationId: "proxyImage",
      summary: "Another site's image, fetched by the platform",
      description:
        "Fetches the image through the outbound client (its address rules, no redirects, no cookies or referrer, 5 MB, 10 s), checks from its bytes that it is a PNG, JPEG, GIF, WebP or AVIF (never SVG) and serves it with nosniff, `Content-Security-Policy: default-src 'none'; sandbox`, `Content-Disposition: inline` and `Cache-Control: private, max-age=3600`. The web app shows other sites' Markdown images only through it, after a click.",
      tags: ["safety"],
      security: COOKIE_OR_API_KEY,
      parameters: [
        {
          name: "url",
          in: "query",
          required: true,
          description: "An http(s) URL of the image",
          schema: { type: "string", format: "uri" },
        },
      ],
      responses: {
        "200": {
          description: "The image, with the type read from its bytes",
          content: Object.fromEntries(
            PROXIED_TYPES.map((type) => [
              type,
              { schema: { type: "string", contentMediaType: type } },
            ]),
          ),
        },
        "400": errorResponse(
          "`invalid_request`: url is missing or not http(s), or the outbound rules refuse its address",
        ),
        ...authErrors,
        "502": errorResponse(
          "`image_unavailable`: the site failed, answered another status or a redirect, sent more than 5 MB, or sent no accepted image",
        ),
      },
    },
  },
};
