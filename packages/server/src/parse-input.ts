import { z } from "zod";
import { InvalidRequestError } from "./errors.js";

/**
 * Parses `input` with `schema`, or throws a 400 that names every wrong field on one line
 * (after `prefix`, when the message needs to say what the input should have been).
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  prefix = "",
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError(`${prefix}${z.prettifyError(parsed.error).replaceAll("\n", " ")}`);
}
