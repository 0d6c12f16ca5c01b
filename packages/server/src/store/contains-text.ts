import { sql, type RawBuilder } from "kysely";

/** `text` as a LIKE pattern matching it anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Whether `column` contains `text`, ignoring case, the same on SQLite and PostgreSQL (both
 * sides go through the database's `lower`, so SQLite, which lowers only ASCII, still matches
 * other letters typed in the same case).
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${containsPattern(text)}) escape '\\'`;
}
