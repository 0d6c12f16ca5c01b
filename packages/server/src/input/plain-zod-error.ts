import type { z } from "zod";
import { InvalidRequestError } from "../errors.js";

/** How many problems one message lists; the first names `field`. */
const MAX_PROBLEMS = 3;

/** A path as the API spells a field: `tools.0.function.name`. */
function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** One sentence per problem, and the field it is about. */
function sentences(issue: z.core.$ZodIssue, subject: string): { field?: string; text: string }[] {
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => ({
      field: dotted([...issue.path, key]),
      text: `Unknown field "${dotted([...issue.path, key])}"`,
    }));
  const field = issue.path.length > 0 ? dotted(issue.path) : undefined;
  const message = issue.message.replace(/\.$/, "");
  // A schema's own message may be a whole sentence; the rest end one about the field.
  if (/^[A-Z]/.test(message)) return [{ field, text: message }];
  return [{ field, text: `${field ?? subject} ${message}` }];
}

/**
 * A zod failure as the platform answers it: a 400 in a plain sentence (no library wording;
 * several problems are separated by "; "),
 * with `field` the dotted path of the first wrong field. `subject` names the input as a whole
 * when the problem is with it rather than one field ("The request body must be an object").
 */
export function plainZodError(
  error: z.ZodError,
  subject = "The request body",
): InvalidRequestError {
  const problems = error.issues.flatMap((issue) => sentences(issue, subject));
  const shown = problems.slice(0, MAX_PROBLEMS).map((problem) => problem.text);
  if (problems.length > MAX_PROBLEMS) shown.push(`and ${problems.length - MAX_PROBLEMS} more`);
  const field = problems[0]?.field;
  return new InvalidRequestError(shown.join("; "), field === undefined ? {} : { field });
}
