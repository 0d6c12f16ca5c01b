import {
  COOKIE_OR_API_KEY,
  PUBLIC,
  authErrors,
  csrfError,
  errorResponse,
  fileUploadBody,
  jsonResponse,
  object,
  pathParam,
  ref,
} from "./openapi-helpers.js";
import type { PathsObject } from "./openapi-types.js";

/** Users' uploads and the signed URLs stored files are served from. */
export const filePaths: PathsObject = {
  "/api/files": {
    post: {
      operationId: "uploadFile",
      summary: "Upload a file",
      description: "multipart/form-data with the file in field `file`; at most 50 MB.",
      tags: ["files"],
      security: COOKIE_OR_API_KEY,
      requestBody: fileUploadBody(),
      responses: {
        "201": jsonResponse("Stored", object({ file: ref("UploadedFile") })),
        "400": errorResponse("`invalid_request`: no multipart field `file`"),
        ...authErrors,
        ...csrfError,
        "413": errorResponse("`payload_too_large` or `file_too_large`: over 50 MB"),
      },
    },
  },
  "/files/{id}": {
    get: {
      operationId: "getFile",
      summary: "A stored file, by signed URL",
      description:
        "The URL comes from an upload (valid one hour) and is signed with the platform secret. Served inline with a sandboxing Content-Security-Policy and nosniff.",
      tags: ["files"],
      security: PUBLIC,
      parameters: [
        pathParam("id", "The file's id (`file_…`)"),
        {
          name: "expires",
          in: "query",
          required: true,
          description: "Seconds since the epoch",
          schema: { type: "integer" },
        },
        {
          name: "signature",
          in: "query",
          required: true,
          description: "HMAC-SHA256 of the id and expiry",
          schema: { type: "string" },
        },
      ],
      responses: {
        "200": {
          description: "The file, with its stored content type",
          content: { "application/octet-stream": { schema: { type: "string" } } },
        },
        "404": errorResponse(
          "`not_found`: no such file, or the signature is missing, wrong or expired",
        ),
      },
    },
  },
};
