import type { Context } from "hono";
import { z } from "zod";
import { parseInput } from "../parse-input.js";
import type { PageRequest } from "../store/list-page.js";
import { decodeCursor } from "./page-cursor.js";

/** The longest search text a list takes. */
const MAX_SEARCH_LENGTH = 200;

/** A list's query string: which page, and what to search for. */
export interface ListQuery extends PageRequest {
  /** The trimmed `q`, or undefined when it is left out or blank. */
  search: string | undefined;
}

/**
 * Reads `limit` (1–100, `defaultLimit` when left out), `cursor` (a `next_cursor` from the
 * previous page) and `q` (search text) from the query string; anything else there is ignored.
 */
export function readListQuery(context: Context, defaultLimit: number): ListQuery {
  const schema = z.object({
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
    cursor: z.string().min(1).optional(),
    q: z.string().max(MAX_SEARCH_LENGTH).optional(),
  });
  const { limit, cursor, q } = readQueryAs(context, schema);
  return {
    limit,
    after: cursor === undefined ? undefined : decodeCursor(cursor),
    search: q?.trim() || undefined,
  };
}

/** The query string checked against `schema`, or a 400 that names each wrong parameter. */
export function readQueryAs<T>(context: Context, schema: z.ZodType<T>): T {
  return parseInput(schema, context.req.query(), "The query string");
}
