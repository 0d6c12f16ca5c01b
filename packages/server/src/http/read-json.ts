import type { Context } from "hono";
import type { z } from "zod";
import { InvalidRequestError, invalidField } from "../errors.js";
import { parseInput } from "../parse-input.js";
import { parseJsonWithinDepth } from "./parse-json-within-depth.js";

/**
 * Reads a JSON object body, or answers 400 saying what is wrong with it. `emptyIsObject`: a
 * route whose every field is optional takes no body at all as `{}`.
 */
export async function readJson(
  context: Context,
  options: { emptyIsObject?: boolean } = {},
): Promise<Record<string, unknown>> {
  const text = await context.req.text();
  if (options.emptyIsObject && text.trim() === "") return {};
  const body = parseJsonWithinDepth(text);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidRequestError("The request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

/** A required string field of a JSON body. */
export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined) throw invalidField(name, `${name} is required`);
  if (typeof value !== "string") throw invalidField(name, `${name} must be text`);
  return value;
}

/** A JSON body checked against `schema`, or a 400 that names each wrong field. */
export async function readJsonAs<T>(
  context: Context,
  schema: z.ZodType<T>,
  options: { emptyIsObject?: boolean } = {},
): Promise<T> {
  return parseInput(schema, await readJson(context, options));
}
