import type { z } from "zod";

/** The raw issue zod hands an error map (with the input that failed). */
type RawIssue = z.core.$ZodRawIssue;

/** What a length or a size counts, by zod's origin of the value. */
const UNITS: Record<string, string> = {
  string: "characters",
  array: "items",
  set: "items",
  map: "entries",
  file: "bytes",
};

/** A JSON type as a user reads it. */
const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  null: "null",
};

/** How a format is named in a sentence. */
const FORMAT_NAMES: Record<string, string> = {
  email: "an email address",
  url: "a URL",
  uuid: "a UUID",
  datetime: "a date and time",
};

function quoted(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

function sizeLimit(
  origin: string | undefined,
  bound: number | bigint,
  direction: "at least" | "at most",
  exact: boolean | undefined,
): string {
  const unit = (origin && UNITS[origin]) ?? undefined;
  const amount = exact ? "exactly" : direction;
  if (unit)
    return `must have ${amount} ${bound} ${bound === 1 && unit === "characters" ? "character" : unit}`;
  return `must be ${amount} ${bound}`;
}

/**
 * The error map the platform parses its inputs with: what is wrong with one value, as the end
 * of a sentence whose subject is the field ("must be text", "is required"). Messages a schema
 * gives itself take precedence over these, and follow the same form.
 */
export function plainIssueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      if (!issue.inclusive && !issue.exact) return `must be more than ${issue.minimum}`;
      return sizeLimit(issue.origin, issue.minimum, "at least", issue.exact);
    case "too_big":
      if (!issue.inclusive && !issue.exact) return `must be less than ${issue.maximum}`;
      return sizeLimit(issue.origin, issue.maximum, "at most", issue.exact);
    case "invalid_format":
      return `must be ${FORMAT_NAMES[issue.format] ?? `in ${issue.format} format`}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${quoted(issue.values[0])}`
        : `must be ${issue.values.slice(0, -1).map(quoted).join(", ")} or ${quoted(issue.values.at(-1))}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "invalid_union":
      return "is not in any of the forms it may take";
    case "invalid_key":
      return "has a key that is not allowed";
    case "invalid_element":
      return "has a value that is not allowed";
    default:
      return "is not valid";
  }
}
