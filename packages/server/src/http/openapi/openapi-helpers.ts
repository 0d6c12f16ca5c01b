import type {
  HeaderObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
  SchemaOrRef,
  SecurityRequirement,
} from "./openapi-types.js";

/** A reference to a schema in `components.schemas`. */
export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** A nullable schema of one JSON type. */
export const nullable = (type: "string" | "integer" | "number" | "boolean", description?: string) =>
  ({ type: [type, "null"], ...(description ? { description } : {}) }) satisfies SchemaObject;

/** Milliseconds since the Unix epoch, as every time in the API is. */
export const timestamp = (description = "Milliseconds since the Unix epoch"): SchemaObject => ({
  type: "integer",
  description,
});

/** An object whose listed properties are all required. */
export function object(
  properties: Record<string, SchemaOrRef>,
  options: { description?: string; optional?: string[]; closed?: boolean } = {},
): SchemaObject {
  const optional = new Set(options.optional ?? []);
  return {
    type: "object",
    ...(options.description ? { description: options.description } : {}),
    properties,
    required: Object.keys(properties).filter((name) => !optional.has(name)),
    ...(options.closed ? { additionalProperties: false } : {}),
  };
}

/** The credentials of the platform API: the session cookie or a user API key. */
export const COOKIE_OR_API_KEY: SecurityRequirement[] = [{ sessionCookie: [] }, { userApiKey: [] }];

/** No credentials. */
export const PUBLIC: SecurityRequirement[] = [];

/** A required path parameter. */
export const pathParam = (name: string, description: string): ParameterObject => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});

/** A required JSON body. */
export const jsonBody = (schema: SchemaOrRef, description?: string): RequestBodyObject => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema } },
});

/** A `multipart/form-data` body carrying one file in field `file`. */
export const fileUploadBody = (): RequestBodyObject => ({
  required: true,
  content: {
    "multipart/form-data": {
      schema: object({
        file: { type: "string", contentMediaType: "application/octet-stream" },
      }),
    },
  },
});

/** A JSON response. */
export const jsonResponse = (description: string, schema: SchemaOrRef): ResponseObject => ({
  description,
  content: { "application/json": { schema } },
});

/** A platform error response, `{error: {code, message}}`; `description` lists the codes. */
export const errorResponse = (description: string): ResponseObject =>
  jsonResponse(description, ref("Error"));

/** An OpenAI-shaped error response, `{error: {message, type, code, param}}`. */
export const openaiErrorResponse = (description: string): ResponseObject =>
  jsonResponse(description, ref("OpenAIError"));

/** An SSE response; the events are described in words, since JSON Schema cannot say more. */
export const eventStreamResponse = (description: string): ResponseObject => ({
  description,
  headers: {
    "X-Accel-Buffering": {
      description: "Always `no`, so nginx-style proxies pass events through at once",
      schema: { type: "string", const: "no" },
    },
  },
  content: { "text/event-stream": { schema: { type: "string" } } },
});

/**
 * A send answered with its reply's stream (`Accept: text/event-stream`): the SSE response, with
 * headers naming the messages it created and where to resume.
 */
export const sentStreamResponse = (
  description: string,
  withUserMessage: boolean,
): ResponseObject => {
  const stream = eventStreamResponse(description);
  const text = (what: string): HeaderObject => ({ description: what, schema: { type: "string" } });
  return {
    ...stream,
    headers: {
      ...stream.headers,
      "Content-Location": text("The reply's stream URL, to resume with Last-Event-ID"),
      "X-Parlor-Bot-Message-Id": text("The id of the bot message being written"),
      ...(withUserMessage
        ? { "X-Parlor-User-Message-Id": text("The id of the stored user message") }
        : {}),
    },
  };
};

/** A 200 with an avatar image, in one of the types avatars may have. */
export const avatarImageResponse = (): ResponseObject => ({
  description: "The image",
  content: Object.fromEntries(
    ["image/png", "image/jpeg", "image/webp", "image/gif"].map((type) => [
      type,
      { schema: { type: "string", contentMediaType: type } },
    ]),
  ),
});

/** `{ok: true}`. */
export const okResponse = (description: string): ResponseObject =>
  jsonResponse(description, ref("Ok"));

/** The responses every authenticated platform route can give besides its own. */
export const authErrors: Record<string, ResponseObject> = {
  "401": errorResponse("`unauthenticated`: no valid session cookie or API key"),
};

/** 403 `csrf`, for unsafe methods of the platform API sent cross-site with a cookie. */
export const csrfError: Record<string, ResponseObject> = {
  "403": errorResponse(
    "`csrf`: a browser request from another site (Sec-Fetch-Site / Origin); API-key requests are exempt",
  ),
};

/** 400 for a body that is not a JSON object, or a field that is wrong. */
export const badRequest = (
  detail = "a field is missing or wrong",
): Record<string, ResponseObject> => ({
  "400": errorResponse(`\`invalid_request\`: the body is not a JSON object, or ${detail}`),
});

/** 413 for a body over the cap. */
export const tooLarge: Record<string, ResponseObject> = {
  "413": errorResponse("`payload_too_large`: the body is over 4 MiB"),
};

/** 404 for objects that do not exist or belong to someone else. */
export const notFound = (what: string): Record<string, ResponseObject> => ({
  "404": errorResponse(`\`not_found\`: no such ${what}, or it is not yours`),
});

/** A 429 `rate_limited` with `Retry-After`, described by `description`. */
export const retryLater = (
  description: string,
  shape: "Error" | "OpenAIError" = "Error",
): ResponseObject => ({
  description,
  headers: {
    "Retry-After": { description: "Seconds until the window resets", schema: { type: "integer" } },
  },
  content: { "application/json": { schema: ref(shape) } },
});

/** 429 from a per-user and per-bot rate limit; `/v1` answers it in OpenAI's shape. */
export const rateLimited = (which: string, shape: "Error" | "OpenAIError" = "Error") =>
  retryLater(`\`rate_limited\`: over ${which} per user, or ten times it per bot`, shape);

/** The query parameters of a paged list: `limit`, `cursor`, and `q` searching `searched`. */
export const listParams = (defaultLimit: number, searched: string): ParameterObject[] => [
  {
    name: "limit",
    in: "query",
    description: "How many to return",
    schema: { type: "integer", minimum: 1, maximum: 100, default: defaultLimit },
  },
  {
    name: "cursor",
    in: "query",
    description: "The `next_cursor` of the previous page; the first page without it",
    schema: { type: "string" },
  },
  {
    name: "q",
    in: "query",
    description: `Only those whose ${searched} contains this text (ignoring case; % and _ are plain characters)`,
    schema: { type: "string", maxLength: 200 },
  },
];

/** A page of a list: `items` under `name`, and where the next page starts. */
export const pageOf = (name: string, items: SchemaOrRef): SchemaObject =>
  object({
    [name]: { type: "array", items },
    next_cursor: nullable("string", "Pass as `cursor` for the next page; null on the last page"),
  });
