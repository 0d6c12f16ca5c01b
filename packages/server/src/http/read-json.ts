import type { Context } from "hono";
import { z } from "zod";
import { InvalidRequestError } from "../errors.js";

/** Reads a JSON object body, or answers 400 saying what is wrong with it. */
export async function readJson(context: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await context.req.json();
  } catch {
    throw new InvalidRequestError("The request body must be JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidRequestError("The request body must be a JSON object");
  }
  return body as Record<string, unknown>;
}

/** A required string field of a JSON body. */
export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== "string") throw new InvalidRequestError(`${name}: required, a string`);
  return value;
}

/** A JSON body checked against `schema`, or a 400 that names each wrong field. */
export async function readJsonAs<T>(context: Context, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(context));
  if (!parsed.success)
    throw new InvalidRequestError(z.prettifyError(parsed.error).replaceAll("\n", " "));
  return parsed.data;
}
