import type { Kysely, Selectable } from "kysely";
import type { Database, FilesTable } from "./schema.js";

/** A stored upload's record (the bytes live in file storage). */
export type FileRow = Selectable<FilesTable>;

/** Uploaded files. */
export function createFilesStore(db: Kysely<Database>) {
  return {
    async insert(file: FileRow): Promise<void> {
      await db.insertInto("files").values(file).execute();
    },
    findById(id: string): Promise<FileRow | undefined> {
      return db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst();
    },
  };
}

/** The files part of the store. */
export type FilesStore = ReturnType<typeof createFilesStore>;
