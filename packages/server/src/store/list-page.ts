import { sql, type RawBuilder, type SelectQueryBuilder } from "kysely";

/** Where a newest-first list stopped: the sort time and the id of the last row shown. */
export interface PagePosition {
  at: number;
  id: string;
}

/** Which page of a newest-first list to read. */
export interface PageRequest {
  limit: number;
  /** The position of the previous page's last row; the first page when left out. */
  after?: PagePosition | undefined;
}

/** One page of rows, and where the next one starts (none after the last page). */
export interface Page<Row> {
  rows: Row[];
  next: PagePosition | undefined;
}

/**
 * The rows that come after `position` in a list sorted by (`timeColumn`, `idColumn`) descending.
 * The id breaks ties between rows of the same millisecond, so no row is shown twice or skipped.
 */
function rowsAfter(
  timeColumn: string,
  idColumn: string,
  position: PagePosition,
): RawBuilder<boolean> {
  const time = sql.ref(timeColumn);
  return sql<boolean>`(${time} < ${position.at} or (${time} = ${position.at} and ${sql.ref(idColumn)} < ${position.id}))`;
}

/**
 * Cuts what a query read with `limit + 1` rows to one page: the extra row only tells that
 * there is a next page.
 */
function pageOf<Row>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => PagePosition,
): Page<Row> {
  if (rows.length <= limit) return { rows, next: undefined };
  const shown = rows.slice(0, limit);
  return { rows: shown, next: positionOf(shown.at(-1)!) };
}

/**
 * Reads one page of `query`, newest first by (`columns.time`, `columns.id`): the rows after
 * `page.after`, and one more than `page.limit`, which only tells whether a next page exists.
 */
export async function readPage<DB, TB extends keyof DB, Row>(
  query: SelectQueryBuilder<DB, TB, Row>,
  columns: { time: string; id: string },
  page: PageRequest,
  positionOf: (row: Row) => PagePosition,
): Promise<Page<Row>> {
  const after = page.after ? query.where(rowsAfter(columns.time, columns.id, page.after)) : query;
  const rows = await after
    .orderBy(sql.ref(columns.time), "desc")
    .orderBy(sql.ref(columns.id), "desc")
    .limit(page.limit + 1)
    .execute();
  return pageOf(rows, page.limit, positionOf);
}
