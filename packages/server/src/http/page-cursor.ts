import { z } from "zod";
import { invalidField } from "../errors.js";
import type { Page, PagePosition } from "../store/list-page.js";

const positionSchema = z.tuple([z.number().int(), z.string()]);

/** A page position as the opaque `cursor` clients send back for the next page. */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString("base64url");
}

/** The position a `cursor` stands for, or a 400 when it is not one a list gave out. */
export function decodeCursor(cursor: string): PagePosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const parsed = positionSchema.safeParse(value);
  if (!parsed.success)
    throw invalidField(
      "cursor",
      "cursor is not one this list gave out (send the next_cursor of the page before)",
    );
  const [at, id] = parsed.data;
  return { at, id };
}

/** The `next_cursor` of a list response: where the next page starts, null after the last. */
export function nextCursor(page: Page<unknown>): string | null {
  return page.next ? encodeCursor(page.next) : null;
}
