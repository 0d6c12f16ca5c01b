import type { z } from "zod";
import { plainIssueMessage } from "./input/plain-issue-message.js";
import { plainZodError } from "./input/plain-zod-error.js";

/**
 * Parses `input` with `schema`, or throws a 400 that says in plain sentences what is wrong
 * (`field` names the first wrong field). `subject` names the input as a whole, for problems
 * with it rather than with one of its fields.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject = "The request body",
): z.output<Schema> {
  const parsed = schema.safeParse(input, { error: plainIssueMessage });
  if (parsed.success) return parsed.data;
  throw plainZodError(parsed.error, subject);
}
