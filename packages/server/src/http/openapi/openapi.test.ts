import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servedRoutes } from "../../testing/served-routes.js";
import { startTestPlatform, type TestPlatform } from "../../testing/test-platform.js";
import { createApp } from "../app.js";
import { openApiDocument } from "./openapi-document.js";
import type { HttpMethod, OpenApiDocument } from "./openapi-types.js";

const METHODS: HttpMethod[] = ["get", "post", "put", "patch", "delete"];

/** A Hono path in OpenAPI's spelling: `:id` → `{id}`, regex constraints dropped. */
function toOpenApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}");
}

/** `METHOD /path/{param}` for every route the app answers. */
function servedOperations(routes: readonly { method: string; path: string }[]): Set<string> {
  return new Set(
    servedRoutes(routes).map(({ method, path }) => `${method} ${toOpenApiPath(path)}`),
  );
}

/** `METHOD /path/{param}` for every operation in the document. */
function documentedRoutes(document: OpenApiDocument): Set<string> {
  const documented = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS)
      if (item[method]) documented.add(`${method.toUpperCase()} ${path}`);
  }
  return documented;
}

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "$ref" && typeof inner === "string" ? [inner] : refsIn(inner),
  );
}

describe("the OpenAPI document", () => {
  let platform: TestPlatform;
  let served: Set<string>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    served = servedOperations(createApp(platform.platform).routes);
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it("is served without credentials as JSON, OpenAPI 3.1.0", async () => {
    const response = await fetch(`${platform.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const document = JSON.parse(await response.text()) as OpenApiDocument;
    expect(document.openapi).toBe("3.1.0");
    expect(document).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });

  it("documents every route the app registers", () => {
    expect(served.size).toBeGreaterThan(30);
    const documented = documentedRoutes(openApiDocument);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
  });

  it("documents no route the app does not serve", () => {
    const documented = documentedRoutes(openApiDocument);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });

  it("declares every path parameter, unique operation ids, and only references that exist", () => {
    const operationIds: string[] = [];
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        operationIds.push(operation.operationId);
        const declared = (operation.parameters ?? [])
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => parameter.name);
        expect(declared.sort(), `${method} ${path}`).toEqual(inPath.sort());
        for (const requirement of operation.security)
          for (const scheme of Object.keys(requirement))
            expect(openApiDocument.components.securitySchemes).toHaveProperty(scheme);
      }
    }
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const target of refsIn(openApiDocument)) {
      const name = target.replace("#/components/schemas/", "");
      expect(openApiDocument.components.schemas, target).toHaveProperty(name);
    }
  });
});
