import { z } from "zod";

/**
 * A string field whose known values are spelled out for TypeScript while any other string still
 * parses: the protocol asks receivers to ignore unknown roles, reactions and content types, and
 * a sender adding a value must not break us.
 */
export function openEnum<const Known extends readonly string[]>(
  _known: Known,
): z.ZodType<Known[number] | (string & {})> {
  // The known values only serve editors' completion; at run time any string is accepted.
  return z.string();
}
