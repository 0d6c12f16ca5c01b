/**
 * The parts of OpenAPI 3.1 the platform's document uses, typed so a misspelt field fails the
 * build. Schemas are JSON Schema 2020-12, as OpenAPI 3.1 specifies.
 */

/** A JSON Schema type name. */
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/** `{"$ref": "#/components/…"}`. */
export interface ReferenceObject {
  $ref: string;
}

/** A JSON Schema, as far as this document needs one. */
export interface SchemaObject {
  type?: JsonType | JsonType[];
  description?: string;
  properties?: Record<string, SchemaOrRef>;
  required?: string[];
  additionalProperties?: boolean | SchemaOrRef;
  items?: SchemaOrRef;
  enum?: (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  oneOf?: SchemaOrRef[];
  allOf?: SchemaOrRef[];
  anyOf?: SchemaOrRef[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  examples?: unknown[];
  contentMediaType?: string;
}

/** A schema or a reference to one. */
export type SchemaOrRef = SchemaObject | ReferenceObject;

/** One path, query, header or cookie parameter. */
export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  description?: string;
  required?: boolean;
  schema: SchemaOrRef;
}

/** One media type of a body. */
export interface MediaTypeObject {
  schema?: SchemaOrRef;
  example?: unknown;
}

/** A request body. */
export interface RequestBodyObject {
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

/** A response header. */
export interface HeaderObject {
  description?: string;
  schema: SchemaOrRef;
}

/** One response. */
export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject>;
  content?: Record<string, MediaTypeObject>;
}

/** Which credentials an operation accepts: any one entry of the list will do. */
export type SecurityRequirement = Record<string, string[]>;

/** One operation (a method on a path). */
export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** An empty list means no credentials are needed. */
  security: SecurityRequirement[];
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
}

/** The HTTP methods the platform uses. */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The operations on one path. */
export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

/** The paths of one area of the API. */
export type PathsObject = Record<string, PathItemObject>;

/** A security scheme. */
export type SecuritySchemeObject =
  | { type: "apiKey"; name: string; in: "header" | "query" | "cookie"; description?: string }
  | { type: "http"; scheme: string; bearerFormat?: string; description?: string };

/** The whole document. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description?: string; license?: { name: string } };
  tags: { name: string; description: string }[];
  paths: PathsObject;
  components: {
    schemas: Record<string, SchemaObject>;
    securitySchemes: Record<string, SecuritySchemeObject>;
  };
}
